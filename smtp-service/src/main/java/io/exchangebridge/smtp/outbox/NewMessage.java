package io.exchangebridge.smtp.outbox;

import java.util.List;

/**
 * A validated message ready to be stored: envelope, the exact MIME bytes to send (no Bcc header), its Message-ID and
 * its subject (decoded, for listing and search; null when it has none).
 */
public record NewMessage(String submittedBy, String idempotencyKey, String requestHash, String mailFrom,
        List<String> recipients, String messageId, byte[] mime, String subject) {
}
