-- Who changed what, the same columns in every service (read by GET /api/audit of service-foundation).
CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    detail  TEXT,
    result  TEXT NOT NULL,
    count   BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX audit_log_target ON audit_log (target, at);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
