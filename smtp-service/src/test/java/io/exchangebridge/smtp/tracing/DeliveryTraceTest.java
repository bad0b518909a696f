package io.exchangebridge.smtp.tracing;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.listener.SmtpListener;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.smtp.support.SmtpDialogue;
import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.RecordingSpanExporter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The durable hop of a message's trace (issue 21): the outbox row keeps the traceparent of the request that submitted
 * it, and the worker that delivers it, after the commit and on any thread, continues that trace; the token request it
 * makes on the way is a child of the delivery. No span attribute carries the message's content or addresses.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class DeliveryTraceTest {

    static final String T = RelayTestResource.TENANT;
    private static final Pattern STORED = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

    @Inject
    RecordingSpanExporter spans;
    @Inject
    DataSource db;
    @Inject
    SmtpListener listener;

    @Test
    void aRestSubmissionsTraceContinuesThroughTheOutboxToItsDelivery() throws SQLException {
        String mailbox = "tracy@" + T;
        RelayTestResource.sim().tenant(T).user(mailbox);
        // its own credential: no pooled connection, so the delivery asks the credential-service for a token
        route(mailbox, mailbox, RelayTestResource.CREDENTIAL + "-tracy");
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        String id = sender().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType("application/json")
                .body(Map.of("from", mailbox, "to", List.of("carol@example.com"), "subject", "traced subject",
                        "text", "traced body"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        awaitStatus(id, "SENT");

        Matcher stored = STORED.matcher(traceparentOf(id));
        assertThat(stored.matches()).isTrue();
        assertThat(stored.group(1)).isEqualTo(traceId);
        String submitSpan = stored.group(2);
        SpanData server = spans.awaitSpan(s -> s.getSpanId().equals(submitSpan));
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);

        SpanData delivery = spans.awaitSpan(s -> s.getName().equals("outbox deliver")
                && id.equals(s.getAttributes().get(RelayTraces.MESSAGE_ID)));
        assertThat(delivery.getTraceId()).isEqualTo(traceId);
        assertThat(delivery.getParentSpanId()).isEqualTo(submitSpan);
        assertThat(delivery.getAttributes().get(RelayTraces.OUTCOME)).isEqualTo("Sent");
        assertThat(delivery.getAttributes().get(RelayTraces.TRANSPORT)).isEqualTo("SMTP");
        SpanData token = spans.awaitSpan(s -> s.getKind() == SpanKind.CLIENT
                && s.getParentSpanId().equals(delivery.getSpanId()));
        assertThat(token.getTraceId()).isEqualTo(traceId);

        assertThat(spans.ofTrace(traceId)).allSatisfy(s -> assertThat(s.getAttributes().asMap().values())
                .allSatisfy(v -> assertThat(String.valueOf(v)).doesNotContain("traced body", "traced subject",
                        "carol@example.com", "Bearer", "token-")));
    }

    @Test
    void anSmtpSubmissionStartsTheTraceItsDeliveryContinues() throws Exception {
        route(T, "alice@" + T);
        String reply;
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            smtp.login("scanner", "test-relay-password");
            smtp.send("MAIL FROM:<alice@" + T + ">");
            smtp.send("RCPT TO:<carol@example.com>");
            reply = smtp.data("From: alice@" + T + "\r\nTo: carol@example.com\r\nSubject: traced\r\n\r\nbody\r\n");
        }
        assertThat(reply).startsWith("250 2.0.0 OK queued as ");
        String id = reply.substring(reply.lastIndexOf(' ') + 1).trim();
        // the listener's user, not the API's sender, submitted it: its status is read from the outbox itself
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(column(id, "status")));

        Matcher stored = STORED.matcher(traceparentOf(id));
        assertThat(stored.matches()).isTrue();
        SpanData submission = spans.awaitSpan(s -> s.getSpanId().equals(stored.group(2)));
        assertThat(submission.getName()).isEqualTo("smtp submit");
        assertThat(submission.getParentSpanContext().isValid()).isFalse();
        SpanData delivery = spans.awaitSpan(s -> s.getName().equals("outbox deliver")
                && id.equals(s.getAttributes().get(RelayTraces.MESSAGE_ID)));
        assertThat(delivery.getTraceId()).isEqualTo(stored.group(1));
        assertThat(delivery.getParentSpanId()).isEqualTo(stored.group(2));
    }

    private String traceparentOf(String id) throws SQLException {
        return column(id, "traceparent");
    }

    private String column(String id, String column) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM outbox_message WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
