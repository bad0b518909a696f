package io.exchangebridge.foundation.tracing;

import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C Trace Context for what Quarkus does not instrument itself: the services' {@code java.net.http} clients (Graph,
 * Entra, the console's calls to its peers) and the durable hops, where a database row carries the {@code traceparent}
 * of the request that queued the work to the worker that does it. Quarkus' own HTTP server and REST clients propagate
 * it already. Only the traceparent is kept: no baggage, nothing a caller wrote but ids.
 */
public final class Traceparent {

    public static final String HEADER = "traceparent";
    /** version 00, trace id, parent span id, flags; the all-zero ids are invalid and never produced. */
    private static final Pattern FORMAT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONLY_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private Traceparent() {
    }

    /** The traceparent of the current span, or null when there is none (no request, tracing off). */
    public static String current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The current span's trace id (32 lowercase hex), or null when there is none. */
    public static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /**
     * The context a span continuing {@code traceparent} starts in: its remote parent, or the root context (a new trace)
     * when the value is missing or not a version-00 traceparent (a row written before tracing, or tampered).
     */
    public static Context parent(String traceparent) {
        if (traceparent == null || !FORMAT.matcher(traceparent).matches()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent, ONLY_TRACEPARENT);
    }

    /** Adds the current span's traceparent to a request of the JDK's HTTP client (nothing without a span). */
    public static HttpRequest.Builder addTo(HttpRequest.Builder request) {
        String value = current();
        if (value != null) {
            request.header(HEADER, value);
        }
        return request;
    }
}
