-- Issue 21: the W3C traceparent of what queued the run (an API call, the schedule, a Graph change notification), on
-- each of its jobs, so that the worker taking a mailbox's job on any replica continues the run's trace, and each
-- message imported is a span within it. Ids only; NULL for jobs queued before tracing or without a current span.
ALTER TABLE import_run_mailbox ADD COLUMN traceparent TEXT;
