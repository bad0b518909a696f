package io.exchangebridge.foundation.credential;

import java.time.Duration;
import java.util.Optional;

/**
 * Why the credential-service gave no token. Which kind says what to do: {@link NotReady} needs a person (consent,
 * configuration), {@link UnknownCredential} and {@link AccessDenied} are configuration errors of the calling service,
 * {@link Unavailable} is transient. Texts come from the broker's problem body and never contain a token.
 */
public abstract sealed class CredentialFailure extends RuntimeException {

    CredentialFailure(String message) {
        super(message, null, false, false);
    }

    /** True when trying again later may succeed without anyone acting. */
    public boolean temporary() {
        return this instanceof Unavailable;
    }

    /** The credential-service knows no such credential. */
    public static final class UnknownCredential extends CredentialFailure {
        public UnknownCredential(String credentialId) {
            super("The credential-service knows no credential '" + credentialId
                    + "': fix the reference or create the credential.");
        }
    }

    /**
     * The credential-service refused this service (401/403): wrong password or token, missing role or credential
     * access. {@code remedy} says what to give whom, for the way this service signs in.
     */
    public static final class AccessDenied extends CredentialFailure {
        public AccessDenied(String credentialId, int status, String remedy) {
            super("The credential-service refused this service access to credential '" + credentialId + "' (HTTP "
                    + status + "): " + remedy);
        }
    }

    /** The credential exists but has no token to give: consent required, configuration error, secret expired. */
    public static final class NotReady extends CredentialFailure {
        private final String status;
        private final String code;
        private final String consentUrl;

        public NotReady(String message, String status, String code, String consentUrl) {
            super(message);
            this.status = status;
            this.code = code;
            this.consentUrl = consentUrl;
        }

        /** The broker's credential status, such as {@code CONSENT_REQUIRED}. */
        public Optional<String> status() {
            return Optional.ofNullable(status);
        }

        /** The AADSTS code the broker reported, if any. */
        public Optional<String> code() {
            return Optional.ofNullable(code);
        }

        public Optional<String> consentUrl() {
            return Optional.ofNullable(consentUrl);
        }
    }

    /** The credential-service (or Entra behind it) cannot answer now; try again, after {@link #retryAfter()}. */
    public static final class Unavailable extends CredentialFailure {
        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }
}
