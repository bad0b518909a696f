package io.exchangebridge.smtp.statushook;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status webhook end to end: a receiver on a local port gets accepted, sent (with Exchange's reply) and failed
 * (with the explanation), signed with the shared signature, retried after a 500 under the same delivery id, given up
 * after max attempts; the secret is stored encrypted and never answered.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class StatusWebhookTest {

    static final String T = RelayTestResource.TENANT;
    static final String SECRET = "whsec-status-hook-0123456789";

    record Received(String path, String event, String delivery, String timestamp, String signature, String body,
            int answered) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger HOOK_CALLS = new AtomicInteger();
    static HttpServer server;
    static String base;

    @Inject
    DataSource dataSource;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            int status = path.equals("/down") ? 503 : HOOK_CALLS.getAndIncrement() == 0 ? 500 : 204;
            var h = exchange.getRequestHeaders();
            RECEIVED.add(new Received(path, h.getFirst(WebhookSignature.EVENT), h.getFirst(WebhookSignature.DELIVERY),
                    h.getFirst(WebhookSignature.TIMESTAMP), h.getFirst(WebhookSignature.SIGNATURE), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopReceiver() {
        server.stop(0);
    }

    private Received awaitEvent(String type, String messageId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVED.stream()
                .filter(r -> r.answered() == 204 && type.equals(r.event()) && r.body().contains(messageId))
                .findFirst().orElse(null), r -> r != null);
    }

    @Test
    void eventsAreSignedRetriedAndCarryTheMessageAsItsStatusShowsIt() throws Exception {
        RelayTestResource.sim().tenant(T).user("hook@" + T);
        route("hook@" + T, "hook@" + T);
        sender().contentType("application/json").body(Map.of("url", base + "/hook", "secret", SECRET))
                .put("/api/status-webhook").then().statusCode(200).body("apiUser", equalTo("app"))
                .body("url", equalTo(base + "/hook")).body("secretSet", equalTo(true))
                .body(not(containsString(SECRET)));
        sender().get("/api/status-webhook").then().statusCode(200).body(not(containsString(SECRET)));
        admin().get("/api/status-webhooks/app").then().statusCode(200).body("url", equalTo(base + "/hook"));
        String stored = storedSecret("app");
        assertTrue(stored.startsWith("v1.dev1."), "encrypted at rest");
        assertFalse(stored.contains(SECRET));

        String id = sender().contentType("application/json")
                .body(Map.of("from", "hook@" + T, "to", List.of("carol@example.com"), "subject", "hooked", "text", "x"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        awaitStatus(id, "SENT");
        Received accepted = awaitEvent("message.accepted", id);
        Received sent = awaitEvent("message.sent", id);
        for (Received r : List.of(accepted, sent)) {
            assertTrue(WebhookSignature.verify(SECRET, r.timestamp(), r.body().getBytes(StandardCharsets.UTF_8),
                    r.signature()), "signed with the user's secret");
            assertTrue(r.delivery().startsWith("status-"));
        }
        JsonNode sentBody = json.readTree(sent.body());
        assertEquals("message.sent", sentBody.get("type").asText());
        assertEquals("SENT", sentBody.at("/message/status").asText());
        assertTrue(sentBody.at("/message/lastReply").asText().startsWith("250"), sent.body());
        assertEquals("QUEUED", json.readTree(accepted.body()).at("/message/status").asText());
        String status = sender().get("/api/messages/" + id).then().statusCode(200).extract().asString();
        assertEquals(json.readTree(status), sentBody.get("message"), "the same JSON as GET /api/messages/{id}");

        // the very first delivery got a 500 and was delivered again under the same delivery id
        Received first = RECEIVED.stream().filter(r -> r.path().equals("/hook")).findFirst().orElseThrow();
        assertEquals(500, first.answered());
        assertTrue(RECEIVED.stream().anyMatch(r -> r.answered() == 204 && r.delivery().equals(first.delivery())));

        RelayTestResource.sim().tenant(T).user("boss@" + T);
        route("boss@" + T, "hook@" + T);
        String failedId = sender().contentType("application/json")
                .body(Map.of("from", "boss@" + T, "to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        awaitStatus(failedId, "FAILED");
        JsonNode failed = json.readTree(awaitEvent("message.failed", failedId).body());
        assertTrue(failed.at("/message/explanation").asText().contains("Grant Send As"), failed.toString());

        admin().get("/q/metrics").then().statusCode(200)
                .body(containsString("relay_status_webhooks_total{outcome=\"delivered\"}"))
                .body(containsString("relay_status_webhooks_total{outcome=\"retrying\"}"));
        admin().get("/api/audit?action=status-webhook.&target=app").then().statusCode(200)
                .body("items[0].action", equalTo("status-webhook.set")).body(not(containsString(SECRET)));
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterMaxAttempts() throws SQLException {
        admin().contentType("application/json").body(Map.of("url", base + "/down", "secret", SECRET))
                .put("/api/status-webhooks/other").then().statusCode(200).body("apiUser", equalTo("other"));
        RelayTestResource.sim().tenant(T).user("down@" + T);
        route("down@" + T, "down@" + T);
        String id = given().auth().preemptive().basic("other", "test-other-password").contentType("application/json")
                .body(Map.of("from", "down@" + T, "to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(id) == 4);
        assertEquals(4, RECEIVED.stream().filter(r -> r.path().equals("/down") && r.body().contains(id)
                && "message.accepted".equals(r.event())).count(), "tried max-attempts times, then no more");
        admin().get("/q/metrics").then().body(containsString("relay_status_webhooks_total{outcome=\"given-up\"}"));
        admin().delete("/api/status-webhooks/other").then().statusCode(204);
        admin().get("/api/status-webhooks/other").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badInputIsAProblemAndOnlyAdminsReachOtherUsers() {
        sender().contentType("application/json").body(Map.of("url", "ftp://example.com/x", "secret", SECRET))
                .put("/api/status-webhook").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'url'"));
        sender().contentType("application/json").body(Map.of("url", base + "/hook", "secret", "short"))
                .put("/api/status-webhook").then().statusCode(400).body("detail", containsString("'secret'"));
        sender().contentType("application/json").body(Map.of("url", base + "/hook", "secret", SECRET))
                .put("/api/status-webhooks/other").then().statusCode(403);
        given().get("/api/status-webhook").then().statusCode(401);
        admin().delete("/api/status-webhook").then().statusCode(404).contentType("application/problem+json");
    }

    private String storedSecret(String user) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT secret FROM status_webhook WHERE api_user = ?")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private int attempts(String messageId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT attempts FROM status_webhook_delivery"
                        + " WHERE message = ?::uuid AND type = 'message.accepted' AND delivered_at IS NULL")) {
            s.setString(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }
}
