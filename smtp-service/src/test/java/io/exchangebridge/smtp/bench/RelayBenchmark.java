package io.exchangebridge.smtp.bench;

import static io.exchangebridge.smtp.support.Api.route;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.listener.SmtpListener;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Not part of the normal build (the name matches no surefire pattern): run with {@code -Dtest=RelayBenchmark}. 1,000
 * messages through REST (after 3,000 unmeasured ones, {@code -Dbench.warm-up}, so that the JIT has compiled the intake
 * path as in a service that has been running for a while) and 1,000 through the listener, pacing off; prints accept and
 * delivery rates, accept-to-delivered latency and AUTH exchanges per message. REST clients: {@code -Dbench.clients}
 * threads (8) on HTTP/1.1 keep-alive connections, like an internal application's pooled client.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(RelayBenchmark.NoPacing.class)
class RelayBenchmark {

    static final String T = RelayTestResource.TENANT;
    static final int N = 1000;
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 3000);

    /** Pacing off: measure the relay, not Exchange's limit. */
    public static class NoPacing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.pacing.messages-per-minute", "0", "quarkus.log.category.\"io.exchangebridge\".level",
                    "WARN");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    SmtpListener listener;

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    @Test
    void benchmark() throws Exception {
        RelayTestResource.sim().tenant(T).user("bench-rest@" + T);
        RelayTestResource.sim().tenant(T).user("bench-smtp@" + T);
        route("bench-rest@" + T, "bench-rest@" + T);
        route("bench-smtp@" + T, "bench-smtp@" + T);

        // HTTP/1.1: the JDK client otherwise upgrades to h2c and multiplexes every thread over one connection
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("bench.clients", 8));
        // warm-up: JIT, connection pools and Angus Mail's first use, then measure a warm service
        RelayTestResource.sim().tenant(T).user("bench-warm@" + T);
        route("bench-warm@" + T, "bench-warm@" + T);
        long warmStart = System.nanoTime();
        postAll(http, pool, "bench-warm@" + T, WARM_UP);
        System.out.printf("BENCH REST warm-up (cold JVM): accepted %.0f msg/s%n",
                WARM_UP / ((System.nanoTime() - warmStart) / 1e9));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("bench-warm@" + T) == WARM_UP);

        long start = System.nanoTime();
        postAll(http, pool, "bench-rest@" + T, N);
        double restAccept = N / ((System.nanoTime() - start) / 1e9);
        report("REST", "bench-rest@" + T, start, restAccept);

        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "localhost");
        p.setProperty("mail.smtp.port", String.valueOf(listener.port()));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", "localhost");
        p.setProperty("mail.smtp.auth", "true");
        Session session = Session.getInstance(p);
        start = System.nanoTime();
        List<Future<Void>> sends = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            sends.add(pool.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect("scanner", "test-relay-password");
                    for (int i = 0; i < N / 4; i++) {
                        MimeMessage m = new MimeMessage(session);
                        m.setFrom(new InternetAddress("bench-smtp@" + T));
                        m.setRecipient(Message.RecipientType.TO, new InternetAddress("carol@example.com"));
                        m.setSubject("bench " + client + "/" + i);
                        m.setText("Benchmark message " + i);
                        m.saveChanges();
                        transport.sendMessage(m, m.getAllRecipients());
                    }
                }
                return null;
            }));
        }
        for (Future<Void> f : sends) {
            f.get();
        }
        double smtpAccept = N / ((System.nanoTime() - start) / 1e9);
        report("SMTP listener", "bench-smtp@" + T, start, smtpAccept);
        pool.shutdownNow();
    }

    private void postAll(HttpClient http, ExecutorService pool, String from, int count) throws Exception {
        String auth = "Basic " + Base64.getEncoder()
                .encodeToString("app:test-sender-password".getBytes(StandardCharsets.UTF_8));
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            results.add(pool.submit(() -> http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/messages")).header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from
                            + "\",\"to\":[\"carol@example.com\"],\"subject\":\"bench " + n
                            + "\",\"text\":\"Benchmark message " + n + "\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        for (Future<Integer> f : results) {
            assertEquals(202, f.get());
        }
    }

    private void report(String name, String mailbox, long startNanos, double acceptRate) throws Exception {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> count(mailbox) == N);
        double total = (System.nanoTime() - startNanos) / 1e9;
        List<Long> latencies = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT (extract(epoch FROM sent_at - created_at) * 1000)"
                        + "::bigint FROM outbox_message WHERE mail_from = ? AND status = 'SENT'")) {
            s.setString(1, mailbox);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    latencies.add(rs.getLong(1));
                }
            }
        }
        Collections.sort(latencies);
        long auths = RelayTestResource.sim().requestLog()
                .count(r -> "smtp.auth".equals(r.endpoint()) && mailbox.equals(r.mailbox()));
        System.out.printf("BENCH %s: accepted %.0f msg/s; all %d delivered after %.1f s (%.0f msg/s);"
                + " accept-to-delivered p50 %d ms, p99 %d ms; AUTH exchanges %d (%.4f per message)%n", name,
                acceptRate, N, total, N / total, latencies.get(latencies.size() / 2),
                latencies.get((int) (latencies.size() * 0.99) - 1), auths, auths / (double) N);
        assertEquals(N, RelayTestResource.sim().smtp().outbox().messages(mailbox).size());
    }

    private long count(String mailbox) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT count(*) FROM outbox_message WHERE mail_from = ? AND status = 'SENT'")) {
            s.setString(1, mailbox);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
