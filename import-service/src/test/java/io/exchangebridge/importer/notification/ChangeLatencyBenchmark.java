package io.exchangebridge.importer.notification;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Latency of change notifications: from a message arriving in the simulated mailbox to its being stored (the delivery
 * API's {@code importedAt}) and to its webhook reaching a receiver, p50 / p99 over {@code benchmark.messages} messages
 * delivered one every {@code benchmark.gapMillis}. Not part of the regular test run (the name does not end in Test):
 *
 * <pre> ./mvnw -B -pl import-service -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 * -Dtest=ChangeLatencyBenchmark -Dbenchmark.messages=1000 </pre>
 *
 * Asserts only that every message arrived once, never timing. Webhooks are polled every 0.3 s here
 * ({@code SimulatorResource}); the default {@code importer.webhook.poll-every} is 2 s.
 */
@QuarkusTest
@TestProfile(NotificationsProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ChangeLatencyBenchmark {

    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 1000);
    private static final long GAP_MILLIS = Long.getLong("benchmark.gapMillis", 50);

    @Inject
    SubscriptionJob job;

    @Test
    void arrivalToStoredAndWebhookSent() throws IOException {
        SimulatorResource.sim().subscriptions().allowHttp(true);
        ObjectMapper json = new ObjectMapper();
        Map<String, Instant> hooked = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                Instant at = Instant.now();
                String subject = json.readTree(exchange.getRequestBody()).path("subject").asText();
                hooked.putIfAbsent(subject, at);
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            String upn = "latency@contoso.onmicrosoft.com";
            SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
            MailboxStore box = SimulatorResource.sim().mail().mailbox(upn);
            createMailbox(Map.of("id", "latency", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                    "afterImport", "NONE", "webhookUrl",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "webhookSecret",
                    "0123456789abcdef-latency"));
            job.maintain();
            Notifications.awaitRunsIdle();

            Map<String, Instant> arrived = new ConcurrentHashMap<>();
            for (int i = 0; i < MESSAGES; i++) {
                arrived.put("latency message " + i, Instant.now());
                box.deliver(TestMail.plain("latency", i));
                sleep(GAP_MILLIS);
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                    .until(() -> hooked.size() >= MESSAGES);
            List<Map<String, Object>> stored = as("reader").queryParam("mailbox", "latency")
                    .queryParam("limit", 1000).get("/api/messages").then().statusCode(200).extract().jsonPath()
                    .getList("items");
            assertThat(stored).hasSize(MESSAGES);
            List<Long> toStored = new ArrayList<>();
            List<Long> toHook = new ArrayList<>();
            for (Map<String, Object> m : stored) {
                Instant at = arrived.get((String) m.get("subject"));
                toStored.add(Duration.between(at, Instant.parse((String) m.get("importedAt"))).toMillis());
                toHook.add(Duration.between(at, hooked.get((String) m.get("subject"))).toMillis());
            }
            long jobs = as("reader").queryParam("limit", 200).get("/api/imports").then().extract().jsonPath()
                    .getList("items").size();
            System.out.printf("%nBENCHMARK change notifications: %d messages, one every %d ms, %d runs listed (of"
                    + " at most 200)%n  arrival -> stored:       p50 %d ms, p99 %d ms, max %d ms%n"
                    + "  arrival -> webhook sent: p50 %d ms, p99 %d ms, max %d ms%n", MESSAGES, GAP_MILLIS, jobs,
                    percentile(toStored, 50), percentile(toStored, 99), percentile(toStored, 100),
                    percentile(toHook, 50), percentile(toHook, 99), percentile(toHook, 100));
        } finally {
            receiver.stop(0);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
