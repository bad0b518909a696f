-- Issue 20's lifecycle of outgoing mail: resend, retention, and the per-user status webhook.

-- A resent message's retries are given up relay.outbox.max-age after its resend, not after its first submission.
ALTER TABLE outbox_message ADD COLUMN resent_at timestamptz;
-- Retention: when the body (mime) was emptied; the row itself goes later.
ALTER TABLE outbox_message ADD COLUMN body_purged_at timestamptz;
-- Retention finds finished messages by when they finished (their last change) without scanning the due ones.
CREATE INDEX outbox_message_finished ON outbox_message (updated_at) WHERE status IN ('SENT', 'FAILED', 'CANCELLED');

-- One status webhook per API user (the principal that submitted the messages). The secret is AES-GCM ciphertext.
CREATE TABLE status_webhook (
    api_user   varchar(200) PRIMARY KEY,
    url        text         NOT NULL,
    secret     text         NOT NULL,
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL
);

-- The webhook's delivery outbox, written in the transaction of the status change it reports, with a snapshot of the
-- message as it was then (the same fields as GET /api/messages/{id}).
CREATE TABLE status_webhook_delivery (
    id                bigserial    PRIMARY KEY,
    api_user          varchar(200) NOT NULL,
    type              varchar(40)  NOT NULL,
    message           uuid         NOT NULL,
    m_status          varchar(10)  NOT NULL,
    m_from            varchar(320) NOT NULL,
    m_recipients      text[]       NOT NULL,
    m_message_id      varchar(998) NOT NULL,
    m_attempts        integer      NOT NULL,
    m_last_reply      text,
    m_explanation     text,
    m_created_at      timestamptz  NOT NULL,
    m_updated_at      timestamptz  NOT NULL,
    m_sent_at         timestamptz,
    m_next_attempt_at timestamptz,
    attempts          integer      NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz  NOT NULL,
    last_error        text,
    delivered_at      timestamptz,
    created_at        timestamptz  NOT NULL
);
CREATE INDEX status_webhook_delivery_due ON status_webhook_delivery (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX status_webhook_delivery_age ON status_webhook_delivery (created_at);
