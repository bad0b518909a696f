package io.exchangebridge.simulator.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A message Exchange accepted over SMTP, as it arrived.
 *
 * @param receivedAt
 *            when the final {@code 250} was sent
 * @param mailbox
 *            the authenticated mailbox (XOAUTH2 {@code user=}) it was submitted through
 * @param appId
 *            the client id of the token used
 * @param mailFrom
 *            the envelope sender ({@code MAIL FROM})
 * @param recipients
 *            the envelope recipients ({@code RCPT TO}), including Bcc-only ones
 * @param messageId
 *            the Message-ID Exchange answered with (the header's, or one it made up when missing)
 * @param content
 *            the exact bytes received between DATA and the final dot, dot-unstuffed
 */
public record SmtpSubmission(Instant receivedAt, String mailbox, String appId, String mailFrom, List<String> recipients,
        String messageId, byte[] content) {

    /** The content as text (ISO-8859-1 keeps every byte). */
    public String contentAsString() {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    public int size() {
        return content.length;
    }
}
