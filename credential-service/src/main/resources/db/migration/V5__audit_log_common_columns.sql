-- The audit log has the same columns in every service, so that one GET /api/audit (service-foundation) reads them all
-- and the console can merge them: the credential is the target, the token's resource a detail.
ALTER TABLE audit_log RENAME COLUMN credential_id TO target;
ALTER TABLE audit_log RENAME COLUMN resource TO detail;
ALTER INDEX audit_log_credential RENAME TO audit_log_target;
CREATE INDEX audit_log_actor ON audit_log (actor, id);
