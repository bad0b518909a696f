package io.exchangebridge.simulator.log;

import java.time.Instant;

/**
 * One request the simulator answered.
 *
 * @param at
 *            when it arrived
 * @param protocol
 *            {@code entra}, {@code graph} or {@code smtp}
 * @param endpoint
 *            a stable name, e.g. {@code token}, {@code authorize}, {@code messages.list}, {@code message.value},
 *            {@code message.move}, {@code sendMail}, {@code smtp.auth}, {@code smtp.data}
 * @param detail
 *            grant type, SMTP command, or another short qualifier; may be empty
 * @param appId
 *            the calling client id, when known
 * @param mailbox
 *            the mailbox addressed, when any
 * @param status
 *            the HTTP status or SMTP reply code answered
 * @param earlyRetry
 *            true when the client retried before a {@code Retry-After} it had been given had passed
 */
public record RequestRecord(Instant at, String protocol, String endpoint, String detail, String appId, String mailbox,
        int status, boolean earlyRetry) {
}
