-- GET /api/imports lists runs newest first with keyset paging on (created_at, id).
CREATE INDEX import_run_created_idx ON import_run (created_at DESC, id DESC);
