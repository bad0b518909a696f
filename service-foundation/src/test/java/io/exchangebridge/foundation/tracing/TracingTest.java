package io.exchangebridge.foundation.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.FakeCredentialService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * W3C trace context in the foundation: the credential-service client sends the current traceparent, a stored
 * traceparent is continued on a worker thread with the ids in the log MDC, a missing or malformed one starts a new
 * trace, and OTLP export is off while no endpoint is configured.
 */
@QuarkusTest
@QuarkusTestResource(FakeCredentialService.class)
class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String STORED = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Inject
    CredentialClient client;
    @Inject
    Tracer tracer;
    @Inject
    @Any
    Instance<SpanExporter> exporters;

    @BeforeEach
    void fresh() {
        FakeCredentialService.reset();
    }

    @Test
    void theCredentialClientSendsTheTraceOfItsCaller() {
        Span work = tracer.spanBuilder("work").startSpan();
        try (Scope ignored = work.makeCurrent()) {
            client.token("traced", "graph");
        } finally {
            work.end();
        }
        assertThat(FakeCredentialService.TRACEPARENTS).singleElement().asString()
                .matches("00-" + work.getSpanContext().getTraceId() + "-[0-9a-f]{16}-01");
    }

    @Test
    void aStoredTraceparentIsContinuedWithItsIdsInTheLogContext() {
        String spanId;
        try (ContinuedSpan span = ContinuedSpan.continuing(tracer, "deliver", STORED)) {
            spanId = span.span().getSpanContext().getSpanId();
            assertThat(span.span().getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
            assertThat(Traceparent.current()).isEqualTo("00-" + TRACE_ID + "-" + spanId + "-01");
            assertThat(Traceparent.currentTraceId()).isEqualTo(TRACE_ID);
            assertThat(MDC.get("traceId")).isEqualTo(TRACE_ID);
            assertThat(MDC.get("spanId")).isEqualTo(spanId);
            try (ContinuedSpan child = ContinuedSpan.child(tracer, "message")) {
                assertThat(child.span().getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
                assertThat(MDC.get("spanId")).isEqualTo(child.span().getSpanContext().getSpanId());
            }
            assertThat(MDC.get("spanId")).isEqualTo(spanId);
        }
        assertThat(MDC.get("traceId")).isNull();
        assertThat(Traceparent.current()).isNull();
    }

    @Test
    void aMissingOrMalformedTraceparentStartsANewTrace() {
        for (String stored : new String[]{null, "", "01-" + TRACE_ID + "-00f067aa0ba902b7-01",
                "00-" + TRACE_ID + "-00f067aa0ba902b7-01; injected",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01"}) {
            try (ContinuedSpan span = ContinuedSpan.continuing(tracer, "deliver", stored)) {
                assertThat(span.span().getSpanContext().isValid()).isTrue();
                assertThat(span.span().getSpanContext().getTraceId()).isNotEqualTo(TRACE_ID);
            }
        }
    }

    @Test
    void queryStringsNeverReachASpan() {
        Span server = tracer.spanBuilder("GET /consent/callback").setAttribute("url.query", "code=secret-code&state=s")
                .setAttribute("url.full", "https://bridge.example/consent/callback?code=secret-code").startSpan();
        try {
            ReadableSpan read = (ReadableSpan) server;
            assertThat(read.getAttribute(AttributeKey.stringKey("url.query"))).isEqualTo("redacted");
            assertThat(read.getAttribute(AttributeKey.stringKey("url.full")))
                    .isEqualTo("https://bridge.example/consent/callback?redacted");
        } finally {
            server.end();
        }
    }

    @Test
    void withoutAnEndpointNothingIsExported() {
        assertThat(exporters.stream().toList()).singleElement().isInstanceOf(ExportOffWithoutEndpoint.class);
        assertThat(Traceparent.currentTraceId()).isNull();
    }
}
