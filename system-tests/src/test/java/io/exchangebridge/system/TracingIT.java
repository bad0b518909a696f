package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.system.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;

/**
 * One relayed message is one trace across the processes, as an OTLP collector receives it from the packaged services:
 * the caller's {@code traceparent} → smtp-service's REST span → (the outbox row, a worker of any replica) the
 * {@code outbox deliver} span → its call to credential-service for a token → credential-service's server span. The
 * message is sent with a credential no relay has a token of yet, so the delivery must ask credential-service.
 */
class TracingIT extends SystemTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void aRelayedMessageIsOneTraceFromTheCallerThroughTheOutboxToCredentialService() {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), "trace-app");
        String sender = "trace-relay@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, "trace-app", sender, "SMTP");

        HexFormat hex = HexFormat.of();
        byte[] traceBytes = new byte[16];
        byte[] spanBytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(traceBytes);
        ThreadLocalRandom.current().nextBytes(spanBytes);
        String traceId = hex.formatHex(traceBytes);
        String callerSpan = hex.formatHex(spanBytes);
        String id = stack.relaySender(0).sendJson("POST", "/api/messages", Map.of("from", sender, "to",
                List.of(DemoTenant.BOB), "subject", "traced", "text", "one trace"),
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01")).expect(202).json().get("id")
                .asText();
        JsonNode delivered = BridgeSetup.awaitDelivered(stack.relaySender(0), id, WAIT);
        assertThat(delivered.path("status").asText()).isEqualTo("SENT");

        OtlpReceiver otlp = SharedStack.spans();
        List<ReceivedSpan> trace = BridgeSetup.await(() -> {
            List<ReceivedSpan> spans = otlp.trace(traceId);
            boolean complete = spans.stream().anyMatch(s -> s.name().equals("outbox deliver"))
                    && spans.stream().anyMatch(s -> s.service().equals(BridgeStack.CREDENTIAL)
                            && s.kind() == SpanKind.SPAN_KIND_SERVER);
            return complete ? spans : null;
        }, WAIT, "the spans of trace " + traceId + " from smtp-service and credential-service");

        // the REST submission continues the caller's trace
        ReceivedSpan submit = trace.stream().filter(s -> s.service().equals(BridgeStack.RELAY)
                && s.kind() == SpanKind.SPAN_KIND_SERVER && s.parentSpanId().equals(callerSpan)).findFirst()
                .orElseThrow(() -> new AssertionError("no smtp-service server span with the caller as parent: "
                        + trace));
        // the delivery, on whichever replica claimed it, descends from the submission through the outbox row
        ReceivedSpan deliver = trace.stream().filter(s -> s.name().equals("outbox deliver")).findFirst()
                .orElseThrow();
        assertThat(deliver.service()).isEqualTo(BridgeStack.RELAY);
        assertThat(ancestors(trace, deliver)).as("outbox deliver descends from the submission").contains(submit);
        // credential-service's token request answered inside the delivery: a child of smtp-service's client call
        ReceivedSpan token = trace.stream().filter(s -> s.service().equals(BridgeStack.CREDENTIAL)
                && s.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        List<ReceivedSpan> above = ancestors(trace, token);
        assertThat(above).as("credential-service's span descends from the delivery").contains(deliver);
        assertThat(above.getFirst().service()).as("its parent is smtp-service's call").isEqualTo(BridgeStack.RELAY);
        assertThat(above.getFirst().kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    }

    /** The span's parent, grandparent, … as far as they were received. */
    private static List<ReceivedSpan> ancestors(List<ReceivedSpan> trace, ReceivedSpan span) {
        List<ReceivedSpan> chain = new java.util.ArrayList<>();
        ReceivedSpan current = span;
        while (true) {
            String parent = current.parentSpanId();
            Optional<ReceivedSpan> up = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst();
            if (up.isEmpty() || chain.contains(up.get())) {
                return chain;
            }
            chain.add(up.get());
            current = up.get();
        }
    }
}
