package io.exchangebridge.simulator.graph.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A message a client submitted through Graph: {@code sendMail}, or a draft's {@code send}.
 *
 * @param at
 *            when it was accepted
 * @param mailbox
 *            the UPN of the mailbox in the URL ({@code /users/{mailbox}/sendMail})
 * @param from
 *            the From address of the message
 * @param recipients
 *            To, Cc and Bcc addresses, in that order
 * @param subject
 *            the decoded subject
 * @param mime
 *            the message as Exchange would transmit it (the submitted MIME for MIME sends)
 * @param format
 *            {@code json} or {@code mime} (sendMail), {@code draft} (a draft's send)
 * @param savedToSentItems
 *            whether a copy was stored in Sent Items
 */
public record SentMail(Instant at, String mailbox, String from, List<String> recipients, String subject, byte[] mime,
        String format, boolean savedToSentItems) {

    /** The MIME as text, for assertions on headers and bodies. */
    public String mimeText() {
        return new String(mime, StandardCharsets.ISO_8859_1);
    }
}
