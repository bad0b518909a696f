package io.exchangebridge.smtp.submit;

import java.util.List;

/**
 * Envelope and exact MIME bytes of a validated message (no Bcc header), before it is stored; {@code subject} decoded
 * for listing and search (null when the message has none).
 */
public record PreparedMessage(String mailFrom, List<String> recipients, String messageId, byte[] mime,
        String subject) {
}
