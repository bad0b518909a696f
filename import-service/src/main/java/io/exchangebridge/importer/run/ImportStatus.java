package io.exchangebridge.importer.run;

/** The state of one mailbox in a run; the names are the API's and the database's values. */
public enum ImportStatus {
    /** Waiting for a worker. */
    PENDING,
    /** Being imported. */
    RUNNING,
    /** Every message of the folder was handled. */
    SUCCEEDED,
    /** Some messages failed; they are retried in the next run (see the reason). */
    PARTIAL,
    /** The mailbox could not be imported (see the error code). */
    FAILED,
    /** Not started: another import of the mailbox holds its lease. */
    SKIPPED
}
