-- Idempotency keys of event creates (POST /api/events): one row per key and mailbox account, written before Graph is
-- called. A row without graph_id is a create whose outcome is unknown (answer lost, crash); its retry sends the same
-- Graph transactionId, so Graph answers the event it may have made instead of making a second one.
CREATE TABLE event_write (
    mailbox_id      TEXT NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    principal       TEXT NOT NULL,
    graph_id        TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (mailbox_id, idempotency_key)
);
