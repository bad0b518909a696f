-- Issue 21: the W3C traceparent of the request that submitted the message (REST call or SMTP session), so that the
-- worker that delivers it, on any replica and after any number of retries, continues that trace. Ids only, never a
-- secret; NULL for messages stored before tracing or without a current span.
ALTER TABLE outbox_message ADD COLUMN traceparent TEXT;
