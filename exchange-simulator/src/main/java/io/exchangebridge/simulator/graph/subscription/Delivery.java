package io.exchangebridge.simulator.graph.subscription;

import java.time.Instant;

/**
 * One POST the simulator made to a subscriber, and how it was answered.
 *
 * @param kind
 *            validation handshake, change notification or lifecycle notification
 * @param subscriptionId
 *            the subscription (for a handshake before 201: the id it would get)
 * @param url
 *            the URL POSTed to, with {@code validationToken} for a handshake
 * @param body
 *            the JSON POSTed (empty for a handshake)
 * @param status
 *            the receiver's HTTP status; 0 when it did not answer in time or could not be reached
 * @param attempt
 *            1 for the first try, 2 and on for Graph's retries
 * @param at
 *            when it was sent, on the simulator clock
 */
public record Delivery(Kind kind, String subscriptionId, String url, String body, int status, int attempt,
        Instant at) {

    /** What was POSTed. */
    public enum Kind {
        VALIDATION, NOTIFICATION, LIFECYCLE
    }

    /** Whether the receiver took it (2xx). */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
