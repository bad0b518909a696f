-- Graph change-notification subscriptions: one row per (mailbox account, kind), so one subscription per resource
-- across replicas. The clientState is kept only as its SHA-256 (notifications are compared against it); no foreign key
-- to mailbox, so that a deleted account's subscription can still be deleted at Graph by the maintenance job.
CREATE TABLE graph_subscription (
    mailbox_id        TEXT        NOT NULL,
    kind              TEXT        NOT NULL CHECK (kind IN ('MAIL', 'CALENDAR')),
    credential_id     TEXT        NOT NULL,
    mailbox           TEXT        NOT NULL,
    source            TEXT        NOT NULL,
    resource          TEXT        NOT NULL,
    subscription_id   TEXT,
    client_state_hash BYTEA,
    expires_at        TIMESTAMPTZ,
    status            TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'FAILED')),
    failure           TEXT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox_id, kind)
);
CREATE UNIQUE INDEX graph_subscription_id ON graph_subscription (subscription_id);
CREATE INDEX graph_subscription_expiry ON graph_subscription (expires_at) WHERE status = 'ACTIVE';
