package io.exchangebridge.importer.run;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of importing one mailbox in a run.
 *
 * @param status
 *            see {@link ImportStatus}
 * @param imported
 *            messages stored in this run
 * @param duplicates
 *            messages skipped because they were already imported (same immutable id or Message-ID)
 * @param tooLarge
 *            messages over maxMessageBytes, left in place or moved to the oversize folder
 * @param failed
 *            messages that could not be imported (see reason)
 * @param actionsApplied
 *            after-import actions applied (including ones left over from an earlier, crashed run)
 * @param errorCode
 *            machine-readable cause of FAILED or SKIPPED, see {@link FailureCode}
 * @param reason
 *            what happened and what to do, for a person
 * @param eventsChanged
 *            calendar events created, updated or deleted by this run's calendar sync (each change counted once)
 * @param replica
 *            the replica (pod or host name) that took the mailbox's job last; null before any took it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailboxResult(String mailboxId, ImportStatus status, int imported, int duplicates, int tooLarge,
        int failed, int actionsApplied, FailureCode errorCode, String reason, Instant startedAt, Instant finishedAt,
        int eventsChanged, String replica) {

    /** A result with nothing done: the mailbox failed or was skipped before its import began. */
    static MailboxResult notStarted(String mailboxId, ImportStatus status, FailureCode code, String reason,
            Instant startedAt) {
        return new MailboxResult(mailboxId, status, 0, 0, 0, 0, 0, code, reason, startedAt, Instant.now(), 0, null);
    }
}
