package io.exchangebridge.smtp.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.exchangebridge.smtp.route.Transport;

/**
 * A message as {@code GET /api/messages} lists it: its envelope, subject and delivery state, never its body.
 *
 * @param recipients
 *            the envelope's recipients (To, Cc and Bcc)
 * @param nextAttemptAt
 *            when the next attempt is due; null unless the message is QUEUED or RETRYING
 * @param upstreamReply
 *            Exchange's last reply (the SMTP reply line, or Graph's status and error code)
 * @param explanation
 *            what a failure means and what to do about it
 * @param transport
 *            the transport of the last attempt (GRAPH after a fallback); null before the first
 */
public record ListedMessage(UUID id, MessageStatus status, String sender, List<String> recipients, String subject,
        Instant createdAt, Instant sentAt, int attempts, Instant nextAttemptAt, String upstreamReply,
        String explanation, Transport transport, String messageId, String idempotencyKey) {
}
