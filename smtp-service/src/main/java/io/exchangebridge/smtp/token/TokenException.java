package io.exchangebridge.smtp.token;

import java.time.Duration;

/**
 * The credential-service gave no token. {@code temporary}: try again later (after {@code retryAfter} when known);
 * otherwise an administrator must act, as the message says.
 */
public class TokenException extends RuntimeException {

    private final boolean temporary;
    private final Duration retryAfter;

    public TokenException(boolean temporary, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.temporary = temporary;
        this.retryAfter = retryAfter;
    }

    public boolean temporary() {
        return temporary;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
