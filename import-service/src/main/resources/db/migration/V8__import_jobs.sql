-- The job queue shared by all replicas: each import_run_mailbox row is the job of one mailbox in one run. Workers of
-- every replica take PENDING jobs (and RUNNING ones whose holder stopped renewing) with FOR UPDATE SKIP LOCKED.
ALTER TABLE import_run_mailbox
    ADD COLUMN queued_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN holder           TEXT,
    ADD COLUMN replica          TEXT,
    ADD COLUMN lease_expires_at TIMESTAMPTZ,
    ADD COLUMN attempts         INTEGER NOT NULL DEFAULT 0;

-- The claim scans only unfinished jobs, oldest first.
CREATE INDEX import_job_claim_idx ON import_run_mailbox (queued_at) WHERE status IN ('PENDING', 'RUNNING');
-- enqueueUnlessQueued looks for a queued job of the mailbox.
CREATE INDEX import_job_queued_idx ON import_run_mailbox (mailbox_id) WHERE status = 'PENDING';

-- The run that stored each message: a job taken again after its replica died reports as imported what all its takes
-- stored, since the dead take's messages have left the folder (moved, deleted) by the time the next take lists it.
ALTER TABLE message ADD COLUMN run_id UUID;
