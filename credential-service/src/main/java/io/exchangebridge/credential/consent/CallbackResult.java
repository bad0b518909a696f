package io.exchangebridge.credential.consent;

/**
 * What Entra's redirect back to {@code /OAuth2Callback} led to, for the page that answers it.
 *
 * @param credentialId
 *            the credential of a known state, else null
 * @param returnToUi
 *            whether the consent was started from the admin UI, which shows the outcome
 */
public record CallbackResult(Kind kind, String title, String message, String credentialId, boolean returnToUi) {

    /** What happened; the callback page answers each with its own HTTP status. */
    public enum Kind {
        /** The code was exchanged: the credential is connected. */
        CONNECTED,
        /** The link was invalid, expired or used, the user declined, or Microsoft sent no code. */
        NOT_COMPLETED,
        /** The credential was deleted while the user signed in. */
        CREDENTIAL_GONE,
        /** This service could not authenticate to Entra ID: the credential's configuration is wrong. */
        MISCONFIGURED,
        /** Entra ID refused the code, or granted no refresh token. */
        REFUSED
    }

    CallbackResult(Kind kind, String title, String message) {
        this(kind, title, message, null, false);
    }

    public boolean connected() {
        return kind == Kind.CONNECTED;
    }
}
