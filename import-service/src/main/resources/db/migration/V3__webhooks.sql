-- Optional webhook per mailbox account, and an outbox of deliveries written in the same transaction as the message.
ALTER TABLE mailbox ADD COLUMN webhook_url TEXT;
ALTER TABLE mailbox ADD COLUMN webhook_secret TEXT;

CREATE TABLE webhook_delivery (
    message_id      BIGINT PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    mailbox_id      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE delivered_at IS NULL;
