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
    FAILED,
    /** Withdrawn by its sender (or an admin) before it was sent; never sent afterwards. */
    CANCELLED,
    /** Held back: sending it now would exceed its mailbox's recipient limits; it goes at its next attempt time. */
    DEFERRED
}
