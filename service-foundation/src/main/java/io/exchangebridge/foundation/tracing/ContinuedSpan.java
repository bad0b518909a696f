package io.exchangebridge.foundation.tracing;

import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A span of work on one of the services' own threads (outbox workers, import job workers), made current for its
 * duration so that REST and HTTP calls made in it are its children. Quarkus puts the trace ids into the log MDC only on
 * its Vert.x threads; this puts them there on plain threads too, under the same keys, so that every JSON log line of
 * the work carries its {@code traceId}. Close it on the thread that started it.
 */
public final class ContinuedSpan implements AutoCloseable {

    private static final String[] MDC_KEYS = {"traceId", "spanId", "sampled"};

    private final Span span;
    private final Scope scope;
    private final Map<String, Object> previousMdc = new HashMap<>();

    private ContinuedSpan(Span span) {
        this.span = span;
        for (String key : MDC_KEYS) {
            previousMdc.put(key, MDC.get(key));
        }
        this.scope = span.makeCurrent();
        SpanContext ids = span.getSpanContext();
        if (ids.isValid()) {
            MDC.put("traceId", ids.getTraceId());
            MDC.put("spanId", ids.getSpanId());
            MDC.put("sampled", Boolean.toString(ids.isSampled()));
        }
    }

    /**
     * Starts {@code name} as a child of {@code traceparent} (stored when the work was queued), or in a new trace when
     * there is none.
     */
    public static ContinuedSpan continuing(Tracer tracer, String name, String traceparent) {
        return new ContinuedSpan(tracer.spanBuilder(name).setParent(Traceparent.parent(traceparent))
                .setSpanKind(SpanKind.CONSUMER).startSpan());
    }

    /** Starts {@code name} as the root of a new trace: work that came in without one (an SMTP session). */
    public static ContinuedSpan root(Tracer tracer, String name, SpanKind kind) {
        return new ContinuedSpan(tracer.spanBuilder(name).setNoParent().setSpanKind(kind).startSpan());
    }

    /** Starts {@code name} as a child of the current span (the work of the enclosing one). */
    public static ContinuedSpan child(Tracer tracer, String name) {
        return child(tracer, name, Context.current());
    }

    /**
     * Starts {@code name} as a child of {@code parent}: a part of the work handed to another thread, which does not
     * inherit the context (capture {@code Context.current()} before handing it over).
     */
    public static ContinuedSpan child(Tracer tracer, String name, Context parent) {
        return new ContinuedSpan(tracer.spanBuilder(name).setParent(parent).startSpan());
    }

    /** The span, for attributes: ids, counts and outcomes only, never tokens, addresses' secrets or message bodies. */
    public Span span() {
        return span;
    }

    /** Marks the span failed with a short, safe description (no exception text: it may quote an upstream answer). */
    public void failed(String description) {
        span.setStatus(StatusCode.ERROR, description);
    }

    @Override
    public void close() {
        try {
            scope.close();
        } finally {
            span.end();
            previousMdc.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }
}
