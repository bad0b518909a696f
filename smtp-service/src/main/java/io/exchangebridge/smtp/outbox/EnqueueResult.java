package io.exchangebridge.smtp.outbox;

import java.util.UUID;

/**
 * The id, Message-ID and status of a stored message, and whether this request stored it or found it by its idempotency
 * key.
 */
public record EnqueueResult(UUID id, boolean created, String messageId, MessageStatus status) {
}
