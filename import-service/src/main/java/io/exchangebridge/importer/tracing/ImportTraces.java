package io.exchangebridge.importer.tracing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.tracing.ContinuedSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The importer's own spans, for the durable hop Quarkus does not trace: a mailbox job taken from the shared queue
 * continues the trace of what queued its run (a child of the stored traceparent, so that one run, on however many
 * replicas, is one trace), and each message imported is a child of its job's span. Attributes are ids and outcomes;
 * never addresses, subjects, tokens or message content.
 */
@ApplicationScoped
public class ImportTraces {

    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("exchange_bridge.import.run.id");
    static final AttributeKey<String> MAILBOX_ID = AttributeKey.stringKey("exchange_bridge.import.mailbox.id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("exchange_bridge.import.attempt");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("exchange_bridge.import.status");

    private final Tracer tracer;

    public ImportTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The span of one take of a mailbox's job, continuing the run's stored {@code traceparent}. */
    public ContinuedSpan job(String traceparent, UUID runId, String mailboxId, int attempt) {
        ContinuedSpan span = ContinuedSpan.continuing(tracer, "import mailbox", traceparent);
        span.span().setAttribute(RUN_ID, runId.toString());
        span.span().setAttribute(MAILBOX_ID, mailboxId);
        span.span().setAttribute(ATTEMPT, (long) attempt);
        return span;
    }

    /** Records the job's result status (IMPORTED, FAILED, ...), failed when the import failed. */
    public void ended(ContinuedSpan span, String status, boolean failed) {
        span.span().setAttribute(STATUS, status);
        if (failed) {
            span.failed("import failed");
        }
    }

    /** The span of one message of a job, on the message worker's thread; {@code job} captured on the job's. */
    public ContinuedSpan message(Context job) {
        return ContinuedSpan.child(tracer, "import message", job);
    }
}
