package io.exchangebridge.credential.credential;

/** Whether a credential can hand out tokens, and if not, who has to act. */
public enum CredentialStatus {
    /** Tokens can be handed out. */
    ACTIVE,
    /** A user (or an administrator) must sign in and consent again. */
    CONSENT_REQUIRED,
    /** The registration is wrong: secret, app, scope or policy. An administrator must fix it. */
    CONFIG_ERROR,
    /** Entra ID is unreachable or failing; retried automatically. */
    TRANSIENT_ERROR
}
