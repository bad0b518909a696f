-- Mailbox accounts: which folder of which mailbox is imported with which credential, and what happens afterwards.
CREATE TABLE mailbox (
    id                TEXT PRIMARY KEY,
    mailbox           TEXT NOT NULL,
    credential_id     TEXT NOT NULL,
    folder            TEXT NOT NULL,
    after_import      TEXT NOT NULL,
    move_to_folder    TEXT,
    oversize_folder   TEXT,
    only_unread       BOOLEAN NOT NULL,
    max_message_bytes BIGINT NOT NULL,
    enabled           BOOLEAN NOT NULL,
    delta_link       TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- One holder at a time per mailbox, across replicas: a row with an expiry, taken over only once expired.
CREATE TABLE mailbox_lease (
    mailbox_id TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE import_run (
    id          UUID PRIMARY KEY,
    trigger     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);

CREATE TABLE import_run_mailbox (
    run_id      UUID NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
    mailbox_id  TEXT NOT NULL,
    status      TEXT NOT NULL,
    imported    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    too_large   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    actions     INTEGER NOT NULL DEFAULT 0,
    error_code  TEXT,
    reason      TEXT,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    PRIMARY KEY (run_id, mailbox_id)
);

-- An imported message: raw MIME in a large object (streams both ways), its digest and parsed metadata. The row is the
-- receipt: action_pending is true until the after-import action has been applied in the mailbox.
CREATE TABLE message (
    id                  BIGSERIAL PRIMARY KEY,
    mailbox_id          TEXT NOT NULL,
    graph_id            TEXT NOT NULL,
    internet_message_id TEXT,
    subject             TEXT,
    from_address        TEXT,
    to_addresses        TEXT,
    cc_addresses        TEXT,
    sent_at             TIMESTAMPTZ,
    size_bytes          BIGINT NOT NULL,
    sha256              TEXT NOT NULL,
    raw_oid             OID NOT NULL,
    attachments         TEXT NOT NULL,
    status              TEXT NOT NULL,
    action_pending      BOOLEAN NOT NULL,
    imported_at         TIMESTAMPTZ NOT NULL,
    acked_at            TIMESTAMPTZ,
    CONSTRAINT message_graph_id_unique UNIQUE (mailbox_id, graph_id)
);
CREATE UNIQUE INDEX message_internet_id_unique ON message (mailbox_id, internet_message_id)
    WHERE internet_message_id IS NOT NULL;
CREATE INDEX message_status_idx ON message (status, id);
CREATE INDEX message_action_pending_idx ON message (mailbox_id) WHERE action_pending;
