-- Exchange Online's recipient limits, counted for every replica in one place: recipients sent per route mailbox per
-- minute bucket (mailbox '' holds the tenant's external recipients), summed over a sliding 24 hours. A minute's row
-- counts until 24 hours after the minute's end, so the count never expires recipients before Exchange does.
CREATE TABLE recipient_count (
    mailbox    varchar(320) NOT NULL,
    bucket     timestamptz  NOT NULL,
    recipients integer      NOT NULL,
    PRIMARY KEY (mailbox, bucket)
);

-- DEFERRED messages (held back by those limits) are claimable again at next_attempt_at: the due index holds them too.
DROP INDEX outbox_message_due;
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at)
    WHERE status IN ('QUEUED', 'RETRYING', 'SENDING', 'DEFERRED');
