-- Sender routes: which credential and mailbox deliver mail of a sender address or a whole domain.
CREATE TABLE sender_route (
    id            uuid PRIMARY KEY,
    sender        varchar(320) NOT NULL UNIQUE,   -- lower case; an address (a@b) or a domain (b)
    credential_id varchar(200) NOT NULL,
    mailbox       varchar(320) NOT NULL,
    transport     varchar(8)   NOT NULL CHECK (transport IN ('SMTP', 'GRAPH')),
    created_at    timestamptz  NOT NULL
);

-- The durable outbox: a message is accepted only once its row is committed.
CREATE TABLE outbox_message (
    id               uuid PRIMARY KEY,
    submitted_by     varchar(200)  NOT NULL,
    idempotency_key  varchar(200),
    request_hash     varchar(64),
    mail_from        varchar(320)  NOT NULL,
    recipients       text[]        NOT NULL,      -- envelope: To, Cc and Bcc
    message_id       varchar(998)  NOT NULL,
    mime             bytea         NOT NULL,      -- exactly the bytes to send (no Bcc header)
    status           varchar(10)   NOT NULL CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED')),
    attempts         integer       NOT NULL DEFAULT 0,
    last_reply       text,
    explanation      text,
    next_attempt_at  timestamptz   NOT NULL,
    claimed_until    timestamptz,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    sent_at          timestamptz,
    UNIQUE (submitted_by, idempotency_key)
);
CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at) WHERE status IN ('QUEUED', 'RETRYING', 'SENDING');

-- Pacing: one row per send slot taken, per mailbox, shared by every replica.
CREATE TABLE mailbox_send_slot (
    mailbox  varchar(320) NOT NULL,
    taken_at timestamptz  NOT NULL
);
CREATE INDEX mailbox_send_slot_window ON mailbox_send_slot (mailbox, taken_at);
