package io.exchangebridge.importer.token;

import java.time.Duration;
import java.util.Optional;

/**
 * The credential-service could not give a token. {@code kind} says what to do: {@code NOT_READY} needs a person
 * (consent, configuration), {@code UNKNOWN}/{@code FORBIDDEN} are configuration errors of this service,
 * {@code UNAVAILABLE} is transient. Texts come from the broker's problem body and never contain a token.
 */
public class CredentialProblem extends RuntimeException {

    public enum Kind {
        UNKNOWN, FORBIDDEN, NOT_READY, UNAVAILABLE
    }

    private final Kind kind;
    private final String status;
    private final String code;
    private final String consentUrl;
    private final Duration retryAfter;

    public CredentialProblem(Kind kind, String message, String status, String code, String consentUrl,
            Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.consentUrl = consentUrl;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The broker's credential status, such as {@code CONSENT_REQUIRED} (NOT_READY only). */
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

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
