package io.exchangebridge.credential.token;

import java.time.Duration;
import java.time.Instant;

import io.exchangebridge.credential.credential.CredentialStatus;

/**
 * Why no token was handed out, in the domain's words: no HTTP status here. The REST edge ({@link TokenProblems})
 * answers each kind with its problem+json; the admin UI's token test shows it. Messages are safe to show: they name the
 * credential, never a token or a secret. An unknown credential is a {@code CredentialFailure.NotFound}.
 */
public abstract sealed class TokenFailure extends RuntimeException {

    TokenFailure(String message) {
        super(message, null, false, false);
    }

    /** The credential's status forbids calling Entra ID until someone acts: a user consents, or an admin fixes it. */
    public static final class NotReady extends TokenFailure {

        private final String credentialId;
        private final CredentialStatus status;
        private final String code;
        private final Instant since;
        private final boolean delegated;

        NotReady(String credentialId, CredentialStatus status, String code, String explanation, Instant since,
                boolean delegated) {
            super("Credential '" + credentialId + "' cannot hand out tokens: " + explanation);
            this.credentialId = credentialId;
            this.status = status;
            this.code = code;
            this.since = since;
            this.delegated = delegated;
        }

        public String credentialId() {
            return credentialId;
        }

        public CredentialStatus status() {
            return status;
        }

        /** The AADSTS code or OAuth error, when Entra sent one. */
        public String code() {
            return code;
        }

        public Instant since() {
            return since;
        }

        /** Whether a user's consent is what is missing, so that the answer can link to the consent flow. */
        public boolean consentable() {
            return delegated && status == CredentialStatus.CONSENT_REQUIRED;
        }
    }

    /** Entra ID failed transiently and no valid token is stored: the client may try again after {@link #retryAfter}. */
    public static final class Unavailable extends TokenFailure {

        private final Duration retryAfter;
        private final String code;

        Unavailable(String credentialId, Duration retryAfter, String code, String explanation) {
            super("No valid token for credential '" + credentialId + "': " + explanation);
            this.retryAfter = retryAfter;
            this.code = code;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        public String code() {
            return code;
        }
    }

    /** Another request (of this instance or another) is refreshing the token and did not finish in time. */
    public static final class Busy extends TokenFailure {

        Busy() {
            super("The token is being refreshed by another request; try again shortly.");
        }
    }

    /** The request names no usable resource, or its rejected-token fingerprint is not a SHA-256. */
    public static final class InvalidRequest extends TokenFailure {

        InvalidRequest(String message) {
            super(message);
        }

        /** No resource was named. */
        public static InvalidRequest resourceRequired() {
            return new InvalidRequest("Field 'resource' is required: 'graph', 'outlook' or a resource URI.");
        }
    }
}
