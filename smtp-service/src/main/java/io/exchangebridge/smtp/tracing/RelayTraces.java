package io.exchangebridge.smtp.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.tracing.ContinuedSpan;
import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * The relay's own spans, for what Quarkus does not trace itself: a message submitted over SMTP, and each delivery
 * attempt. A delivery attempt is a child of the span that stored the message (its traceparent is on the outbox row),
 * not a linked new trace: a message's whole way, REST call or SMTP session, every retry, the credential-service's token
 * and Exchange's answer, is then one trace that a support ticket names with one id. Attributes are ids, counts and
 * outcomes; never addresses, tokens or message content.
 */
@ApplicationScoped
public class RelayTraces {

    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("exchange_bridge.message.id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("exchange_bridge.delivery.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("exchange_bridge.delivery.outcome");
    static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("exchange_bridge.delivery.transport");

    private final Tracer tracer;

    public RelayTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The span of a message submitted on the SMTP listener: the trace its deliveries continue. */
    public ContinuedSpan smtpSubmission() {
        return ContinuedSpan.root(tracer, "smtp submit", SpanKind.SERVER);
    }

    /** The span of one delivery attempt of {@code m}, continuing the trace the message was submitted in. */
    public ContinuedSpan delivery(ClaimedMessage m) {
        ContinuedSpan span = ContinuedSpan.continuing(tracer, "outbox deliver", m.traceparent());
        span.span().setAttribute(MESSAGE_ID, m.id().toString());
        span.span().setAttribute(ATTEMPT, (long) m.attempts());
        return span;
    }

    /**
     * Records how the attempt ended: {@code outcome} is the outbox's name for it (Sent, Retry, Failed, Postponed),
     * {@code transport} SMTP or GRAPH or null.
     */
    public void ended(ContinuedSpan span, String outcome, String transport, boolean failed) {
        span.span().setAttribute(OUTCOME, outcome);
        if (transport != null) {
            span.span().setAttribute(TRANSPORT, transport);
        }
        if (failed) {
            span.failed("delivery failed");
        }
    }
}
