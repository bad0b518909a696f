package io.exchangebridge.smtp.delivery;

import java.time.Duration;

/**
 * A delivery attempt failed. {@code permanent}: Exchange refused for good (5xx) and the explanation tells the
 * administrator what to do; otherwise the outbox tries again later.
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final String reply;
    private final String explanation;
    private final Duration retryAfter;

    public DeliveryException(boolean permanent, String reply, String explanation) {
        this(permanent, reply, explanation, null);
    }

    /** With the wait upstream asked for (Graph's {@code Retry-After}), null when none. */
    public DeliveryException(boolean permanent, String reply, String explanation, Duration retryAfter) {
        super(explanation, null, false, false);
        this.permanent = permanent;
        this.reply = reply;
        this.explanation = explanation;
        this.retryAfter = retryAfter;
    }

    /** How long upstream asked to wait before the next attempt, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The upstream reply (e.g. {@code 554 5.2.252 SendAsDenied; ...}), or a short description of a network error. */
    public String reply() {
        return reply;
    }

    public String explanation() {
        return explanation;
    }
}
