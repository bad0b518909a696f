package io.exchangebridge.smtp.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message a worker has claimed for delivery; {@code attempts} includes this one. {@code createdAt} is when it was
 * stored, or last resent: the retry policy gives up {@code relay.outbox.max-age} after it. {@code traceparent} is the
 * W3C trace context its submission was stored with (null without one), which the delivery's span continues.
 */
public record ClaimedMessage(UUID id, String mailFrom, List<String> recipients, String messageId, byte[] mime,
        int attempts, Instant createdAt, String traceparent) {

    /** A claimed message with no trace to continue. */
    public ClaimedMessage(UUID id, String mailFrom, List<String> recipients, String messageId, byte[] mime,
            int attempts, Instant createdAt) {
        this(id, mailFrom, recipients, messageId, mime, attempts, createdAt, null);
    }
}
