package io.exchangebridge.foundation.tracing;

import java.util.Collection;

import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Keeps OTLP export off until an endpoint is configured, while spans (and so trace ids in logs, in problem+json and in
 * the traceparent sent on) still exist. Quarkus' OTLP exporter would otherwise send to its default
 * {@code http://localhost:4317/}; its span processor stands down whenever a {@link SpanExporter} bean is present, and
 * this one is present exactly while the traces endpoint is that default. The SDK stays enabled: switching it off
 * ({@code quarkus.otel.sdk.disabled}) would also drop the server spans and with them the trace ids. A runtime decision,
 * so the same native image exports or not by configuration alone.
 */
@Singleton
@Unremovable
@LookupIfProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint", stringValue = ExportOffWithoutEndpoint.DEFAULT_ENDPOINT, lookupIfMissing = true)
public class ExportOffWithoutEndpoint implements SpanExporter {

    /** Quarkus' default, what the traces endpoint reads when none is configured. */
    static final String DEFAULT_ENDPOINT = "http://localhost:4317/";

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
