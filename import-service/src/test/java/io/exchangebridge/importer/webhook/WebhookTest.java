package io.exchangebridge.importer.webhook;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.exchangebridge.importer.testing.Api.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Webhooks: signed, retried after failures, and the import does not wait for them. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class WebhookTest {

    private static final String SECRET = "0123456789abcdef-webhook";

    @Inject
    Scheduler scheduler;

    record Received(String body, String timestamp, String signature) {
    }

    @Test
    void eachNewMessageIsPostedSignedAndRetriedWithoutBlockingTheImport() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                // The first three calls fail: the deliveries must come back later.
                if (calls.incrementAndGet() <= 3) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Signature")));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            String upn = "hooked@contoso.onmicrosoft.com";
            SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
            MailboxStore box = SimulatorResource.sim().mail().mailbox(upn);
            TestMail.plain("hooked", 0, 3).forEach(box::deliver);
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            createMailbox(Map.of("id", "hooked", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                    "webhookUrl", url, "webhookSecret", SECRET));
            as("admin").get("/api/mailboxes/hooked").then().statusCode(200)
                    .body("webhookUrl", equalTo(url)).body("webhookSecretSet", equalTo(true))
                    .body(not(containsString(SECRET)));

            assertThat(run("hooked").getInt("imported")).isEqualTo(3);

            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
            ObjectMapper json = new ObjectMapper();
            for (Received r : received) {
                assertThat(r.signature()).startsWith("sha256=");
                assertThat(WebhookSignature.verify(SECRET, r.timestamp(), r.body().getBytes(StandardCharsets.UTF_8),
                        r.signature())).isTrue();
                JsonNode message = json.readTree(r.body());
                assertThat(message.path("mailboxId").asText()).isEqualTo("hooked");
                assertThat(message.path("subject").asText()).startsWith("hooked message ");
            }
            assertThat(received).extracting(r -> json.readTree(r.body()).path("id").asLong()).doesNotHaveDuplicates();
            assertThat(calls.get()).isGreaterThanOrEqualTo(6);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void anImportWakesTheDeliveryInsteadOfWaitingForThePoll() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/woken", exchange -> {
            try (exchange) {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        scheduler.pause("webhooks"); // only the import's wake can deliver now
        try {
            String upn = "woken@contoso.onmicrosoft.com";
            SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
            TestMail.plain("woken", 0, 2).forEach(SimulatorResource.sim().mail().mailbox(upn)::deliver);
            createMailbox(Map.of("id", "woken", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                    "webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/woken", "webhookSecret",
                    SECRET));

            assertThat(run("woken").getInt("imported")).isEqualTo(2);

            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 2);
            assertThat(scheduler.isPaused("webhooks")).isTrue();
            assertThat(received).allSatisfy(body -> assertThat(body).contains("\"mailboxId\":\"woken\""));
        } finally {
            scheduler.resume("webhooks");
            receiver.stop(0);
        }
    }

    @Test
    void webhookFieldsAreValidated() {
        as("admin").contentType("application/json").body(Map.of("mailbox", "v@contoso.onmicrosoft.com",
                "credentialId", SimulatorResource.CREDENTIAL, "webhookUrl", "ftp://x.example/hook",
                "webhookSecret", SECRET)).post("/api/mailboxes").then().statusCode(400)
                .body("detail", containsString("'webhookUrl'"));
        as("admin").contentType("application/json").body(Map.of("mailbox", "v@contoso.onmicrosoft.com",
                "credentialId", SimulatorResource.CREDENTIAL, "webhookUrl", "https://x.example/hook"))
                .post("/api/mailboxes").then().statusCode(400).body("detail", containsString("'webhookSecret'"));
    }
}
