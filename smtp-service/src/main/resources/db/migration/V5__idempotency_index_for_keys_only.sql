-- The idempotency key's unique index holds only rows that have a key. Most messages have none (all SMTP mail, REST
-- without Idempotency-Key), and every version of their row (stored, claimed, sent) added an entry to it that no
-- lookup could use: one index insertion in five per row version.
CREATE UNIQUE INDEX outbox_message_idempotency_key ON outbox_message (submitted_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_submitted_by_idempotency_key_key;
