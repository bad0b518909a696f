package io.exchangebridge.smtp.outbox;

/** Where a message is in the outbox. */
public enum MessageStatus {
    /** Stored, not tried yet. */
    QUEUED,
    /** Claimed by a worker that is delivering it now. */
    SENDING,
    /** Accepted by Exchange Online. */
    SENT,
    /** Failed temporarily; tried again later. */
    RETRYING,
    /** Failed for good; the explanation says what to do. */
    FAILED
}
