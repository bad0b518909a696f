-- Issue 20's two new places a message can be: CANCELLED (a sender withdrew it before it was sent) and DEFERRED (held
-- back because sending it now would take its mailbox over Exchange's recipient limits; next_attempt_at says when it
-- can go). Added in one migration so that the features building on them need not each redefine the check.
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_status_check;
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_status_check
    CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'CANCELLED', 'DEFERRED'));
