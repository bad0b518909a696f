package io.exchangebridge.smtp.statushook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The message as a status change left it, with the fields and names of {@code GET /api/messages/{id}} (the outbox's
 * {@code StoredMessage}; {@code StatusWebhookTest} compares the two).
 */
@RegisterForReflection
public record MessageSnapshot(UUID id, String status, String from, List<String> recipients, String messageId,
        int attempts, String lastReply, String explanation, Instant createdAt, Instant updatedAt, Instant sentAt,
        Instant nextAttemptAt) {
}
