package io.exchangebridge.credential.credential;

/**
 * Why a credential operation was refused, in the domain's words: no HTTP status here. The REST edge
 * ({@link CredentialProblems}) answers each kind with its problem+json, the admin UI with a page or the form again. The
 * message is safe to show: it names the credential, never a secret.
 */
public abstract sealed class CredentialFailure extends RuntimeException
        permits CredentialFailure.NotFound, CredentialFailure.AlreadyExists, InvalidCredentialException {

    CredentialFailure(String message) {
        super(message, null, false, false);
    }

    /** No credential has the id. */
    public static final class NotFound extends CredentialFailure {

        public NotFound(String id) {
            super("Credential '" + id + "' does not exist.");
        }
    }

    /** The id is taken: a credential with it exists, or a concurrent request has just stored one. */
    public static final class AlreadyExists extends CredentialFailure {

        public AlreadyExists(String id) {
            super("Credential '" + id + "' already exists.");
        }
    }
}
