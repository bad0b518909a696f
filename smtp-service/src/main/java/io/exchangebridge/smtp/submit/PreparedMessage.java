package io.exchangebridge.smtp.submit;

import java.util.List;

/** Envelope and exact MIME bytes of a validated message (no Bcc header), before it is stored. */
public record PreparedMessage(String mailFrom, List<String> recipients, String messageId, byte[] mime) {
}
