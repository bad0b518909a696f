package io.exchangebridge.smtp.metrics;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.smtp.SmtpFailure;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.PrometheusText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The relay's domain metrics on {@code /q/metrics}, as deploy/grafana and the alert rules read them. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RelayMetricsTest {

    static final String SENDER = "bob@" + RelayTestResource.TENANT;

    @Inject
    DataSource dataSource;

    static String metrics() {
        return admin().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String name, Map<String, String> labels) {
        return PrometheusText.sum(metrics(), name, labels);
    }

    private static String submit(String text) {
        route(SENDER, SENDER);
        return sender().contentType("application/json")
                .body(Map.of("from", SENDER, "to", List.of("carol@example.com"), "text", text))
                .post("/api/messages").then().statusCode(202).extract().path("id");
    }

    @Test
    void sentAndRetriedDeliveriesAreCountedWithTheirReplyCode() {
        Map<String, String> sent = Map.of("transport", "SMTP", "outcome", "sent", "code", "2.0.0");
        Map<String, String> retrying = Map.of("transport", "SMTP", "outcome", "retrying", "code", "4.3.2");
        double sentBefore = value("relay_deliveries_total", sent);
        double retryingBefore = value("relay_deliveries_total", retrying);

        RelayTestResource.sim().smtp().faults().failNext(1, SmtpFailure.SERVICE_NOT_AVAILABLE);
        awaitStatus(submit("counted"), "SENT");

        await().atMost(Duration.ofSeconds(10)).until(() -> value("relay_deliveries_total", sent) > sentBefore);
        assertEquals(retryingBefore + 1, value("relay_deliveries_total", retrying));
        String text = metrics();
        assertTrue(text.contains("relay_intake_refused_total{reason=\"database\"}"), "registered before any outage");
        assertTrue(PrometheusText.names(text).contains("relay_pacing_delays_total"));
    }

    @Test
    void backlogGaugesCountUnsentMessagesAndTheOldestAge() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO outbox_message (id, submitted_by, mail_from, recipients, message_id, mime, status, "
                                + "next_attempt_at, created_at, updated_at) VALUES (?, 'metrics-test', ?, "
                                + "ARRAY['carol@example.com'], ?, ?, 'RETRYING', now() + interval '1 day', "
                                + "now() - interval '2 hours', now())")) {
            insert.setObject(1, id);
            insert.setString(2, SENDER);
            insert.setString(3, "<" + id + "@metrics.test>");
            insert.setBytes(4, "Subject: x\r\n\r\nx\r\n".getBytes());
            insert.executeUpdate();
        }
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> value("relay_outbox_messages", Map.of("status", "RETRYING")) >= 1
                            && value("relay_outbox_oldest_age_seconds", Map.of()) >= 7200);
        } finally {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement delete = c.prepareStatement("DELETE FROM outbox_message WHERE id = ?")) {
                delete.setObject(1, id);
                delete.executeUpdate();
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> value("relay_outbox_oldest_age_seconds", Map.of()) < 7200);
    }

    @Test
    void replyCodesAreBounded() {
        assertEquals("2.0.0", ReplyCode.of("250 2.0.0 OK <id@x> [Hostname=AM0PR01MB1234]"));
        assertEquals("4.7.0", ReplyCode.of("421 4.7.0 Temporary server error. Please try again later"));
        assertEquals("5.7.139", ReplyCode.of("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication"));
        assertEquals("429", ReplyCode.of("429 TooManyRequests"));
        assertEquals("202", ReplyCode.of("202 Accepted (Graph sendMail)"));
        assertEquals("none", ReplyCode.of("network error: ConnectException"));
        assertEquals("none", ReplyCode.of(null));
    }
}
