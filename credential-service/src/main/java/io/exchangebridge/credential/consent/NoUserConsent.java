package io.exchangebridge.credential.consent;

/**
 * A consent was asked for a client_credentials credential, which has no user to consent; the REST edge
 * ({@link ConsentProblems}) answers 409.
 */
public final class NoUserConsent extends RuntimeException {

    public NoUserConsent(String credentialId) {
        super("Credential '" + credentialId
                + "' uses client_credentials: there is no user consent; an administrator grants admin consent in Entra ID.",
                null, false, false);
    }
}
