-- GET /api/messages: the outbox listed newest first, for everyone (admins) or one submitter (senders), keyset-paged
-- on (created_at, id). The subject is kept beside the MIME so that it can be listed and searched without reading
-- bodies (messages stored before this migration have none); transport is the one the last attempt used.
ALTER TABLE outbox_message ADD COLUMN subject text;
ALTER TABLE outbox_message ADD COLUMN transport varchar(8) CHECK (transport IN ('SMTP', 'GRAPH'));
CREATE INDEX outbox_message_newest ON outbox_message (created_at, id);
CREATE INDEX outbox_message_submitter_newest ON outbox_message (submitted_by, created_at, id);
