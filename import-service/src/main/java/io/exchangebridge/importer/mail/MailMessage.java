package io.exchangebridge.importer.mail;

/**
 * A message as the importer sees it in a folder listing or delta.
 *
 * @param id
 *            the immutable Graph id
 * @param internetMessageId
 *            the Message-ID header; null when Graph has none
 * @param read
 *            {@code isRead}
 * @param size
 *            {@code PR_MESSAGE_SIZE} ({@code Long 0x0E08}) in bytes; -1 when Graph did not say
 */
public record MailMessage(String id, String internetMessageId, boolean read, long size) {
}
