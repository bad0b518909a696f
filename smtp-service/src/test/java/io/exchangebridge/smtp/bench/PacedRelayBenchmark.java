package io.exchangebridge.smtp.bench;

import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Not part of the normal build: run with {@code -Dtest=PacedRelayBenchmark}. Pacing at Exchange's 30 messages per
 * minute per mailbox; 75 messages from one mailbox through REST. The theoretical minimum is two minutes (30 at once, 30
 * when the first minute's slots free up, the last 15 a minute later); prints the time until all were sent and the most
 * sends in any sliding minute.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(PacedRelayBenchmark.Paced.class)
class PacedRelayBenchmark {

    static final String T = RelayTestResource.TENANT;
    static final int PER_MINUTE = 30;
    static final int N = 75;

    /** Exchange's limit, as in production. */
    public static class Paced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.pacing.messages-per-minute", String.valueOf(PER_MINUTE),
                    "quarkus.log.category.\"io.exchangebridge\".level", "WARN");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void pacedDelivery() throws Exception {
        String mailbox = "bench-paced@" + T;
        RelayTestResource.sim().tenant(T).user(mailbox);
        route(mailbox, mailbox);
        long start = System.nanoTime();
        for (int i = 0; i < N; i++) {
            sender().contentType("application/json").body(Map.of("from", mailbox, "to", List.of("carol@example.com"),
                    "subject", "paced " + i, "text", "Paced message " + i)).post("/api/messages").then()
                    .statusCode(202);
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> sentAt(mailbox)
                .size() == N);
        double total = (System.nanoTime() - start) / 1e9;
        // what Exchange counts: the times it received the messages
        List<Instant> received = RelayTestResource.sim().smtp().outbox().messages(mailbox).stream()
                .map(s -> s.receivedAt()).sorted().toList();
        int busiest = busiestMinute(received);
        double minimum = Math.ceil((double) N / PER_MINUTE - 1) * 60;
        System.out.printf("BENCH paced: %d messages at %d/min sent after %.1f s (theoretical minimum %.0f s, +%.1f s);"
                + " most received by Exchange in any sliding minute: %d, most marked SENT: %d%n", N, PER_MINUTE,
                total, minimum, total - minimum, busiest, busiestMinute(sentAt(mailbox)));
        assertTrue(busiest <= PER_MINUTE, "pacing held");
        assertEquals(N, RelayTestResource.sim().smtp().outbox().messages(mailbox).size());
    }

    private static int busiestMinute(List<Instant> times) {
        int busiest = 0;
        for (int i = 0; i < times.size(); i++) {
            Instant windowEnd = times.get(i).plusSeconds(60);
            busiest = Math.max(busiest, (int) times.stream().skip(i).filter(t -> t.isBefore(windowEnd)).count());
        }
        return busiest;
    }

    /** When the relay marked each message SENT, in order. */
    private List<Instant> sentAt(String mailbox) throws Exception {
        List<Instant> times = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT sent_at FROM outbox_message WHERE mail_from = ? AND status = 'SENT' ORDER BY sent_at")) {
            s.setString(1, mailbox);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return times;
    }
}
