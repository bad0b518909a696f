package io.exchangebridge.smtp.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A message as the status API shows it (no content); who submitted it decides who may see it. */
public record StoredMessage(UUID id, MessageStatus status, String from, List<String> recipients, String messageId,
        int attempts, String lastReply, String explanation, Instant createdAt, Instant updatedAt, Instant sentAt,
        Instant nextAttemptAt, @JsonIgnore String submittedBy) {
}
