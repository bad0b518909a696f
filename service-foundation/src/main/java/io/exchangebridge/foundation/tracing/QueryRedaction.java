package io.exchangebridge.foundation.tracing;

import jakarta.inject.Singleton;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.quarkus.arc.Unremovable;

/**
 * Removes query strings from HTTP spans before any exporter sees them: a query may hold an OAuth authorization code
 * (the consent callback), a state value or a Graph validation token. Paths stay (they carry ids, not secrets); headers
 * and bodies are never recorded in the first place.
 */
@Singleton
@Unremovable
public class QueryRedaction implements SpanProcessor {

    static final String REDACTED = "redacted";
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, REDACTED);
        }
        String full = span.getAttribute(FULL);
        int query = full == null ? -1 : full.indexOf('?');
        if (query >= 0) {
            span.setAttribute(FULL, full.substring(0, query + 1) + REDACTED);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
