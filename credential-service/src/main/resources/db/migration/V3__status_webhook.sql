-- Transactional outbox of status changes: written in the transaction that changes the status, delivered to the
-- webhook afterwards (retried with backoff, by one replica at a time thanks to SKIP LOCKED).
CREATE TABLE status_event (
    id               BIGSERIAL PRIMARY KEY,
    credential_id    TEXT NOT NULL,
    status           TEXT NOT NULL,
    previous_status  TEXT,
    code             TEXT,
    explanation      TEXT,
    since            TIMESTAMPTZ NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX status_event_due ON status_event (next_attempt_at);
