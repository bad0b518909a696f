package io.exchangebridge.importer.run;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of importing one mailbox in a run.
 *
 * @param status
 *            PENDING, RUNNING, SUCCEEDED, PARTIAL (some messages failed), FAILED or SKIPPED
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
 *            machine-readable cause: CONSENT_REQUIRED, CREDENTIAL_*, ACCESS_DENIED, MAILBOX_NOT_FOUND,
 *            FOLDER_NOT_FOUND, MAILBOX_NOT_ENABLED_FOR_REST, GRAPH_UNAVAILABLE, GRAPH_ERROR, LEASE_HELD, INTERNAL_ERROR
 * @param reason
 *            what happened and what to do, for a person
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailboxResult(String mailboxId, String status, int imported, int duplicates, int tooLarge, int failed,
        int actionsApplied, String errorCode, String reason, Instant startedAt, Instant finishedAt) {
}
