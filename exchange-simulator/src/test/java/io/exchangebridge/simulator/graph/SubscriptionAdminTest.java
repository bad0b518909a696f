package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.body;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /_sim/subscriptions}: the switches, lifecycle events, expiry and inspection over HTTP. */
@TestInstance(Lifecycle.PER_CLASS)
class SubscriptionAdminTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private SimulatorGraph graph;
    private String admin;

    @BeforeAll
    void start() {
        graph = new SimulatorGraph();
        admin = graph.sim.httpBaseUrl() + "/_sim/subscriptions";
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + path)).method(method, body == null
                ? BodyPublishers.noBody()
                : BodyPublishers.ofString(body)).build();
        return client.send(request, BodyHandlers.ofString());
    }

    private JsonNode read(HttpResponse<String> response) throws IOException {
        return mapper.readTree(response.body());
    }

    @Test
    void switchesLifecycleExpiryAndInspection() throws Exception {
        assertThat(send("PUT", "/settings", "{\"allowHttp\": true, \"duplicates\": 2, \"delayMillis\": 0,"
                + " \"retryBackoffMillis\": 100}").statusCode()).isEqualTo(204);
        try (SubscriptionReceiver receiver = new SubscriptionReceiver()) {
            HttpResponse<String> created = new SubscriptionHttp(graph).create(graph.appToken(), body("users/"
                    + ALICE + "/messages", "created", receiver.url("/n"), receiver.url("/l")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json(created).get("id").asText();

            JsonNode listed = read(send("GET", "", null));
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
            assertThat(listed.get(0).get("hasClientState").asBoolean()).isTrue();
            assertThat(listed.get(0).has("clientState")).isFalse();

            graph.mail().mailbox(ALICE).deliver(SampleMime.plain("Admin").getBytes());
            receiver.next(Duration.ofSeconds(10));
            receiver.next(Duration.ofSeconds(10));
            assertThat(send("POST", "/" + id + "/lifecycle", "{\"event\": \"missed\"}").statusCode())
                    .isEqualTo(202);
            assertThat(receiver.next(Duration.ofSeconds(10)).get("lifecycleEvent").asText()).isEqualTo("missed");
            assertThat(send("POST", "/" + id + "/lifecycle", "{\"event\": \"nonsense\"}").statusCode())
                    .isEqualTo(400);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(read(send("GET", "/deliveries",
                    null))).extracting(d -> d.get("kind").asText()).contains("validation", "notification",
                            "lifecycle"));
            JsonNode deliveries = read(send("GET", "/deliveries", null));
            assertThat(deliveries.toString()).doesNotContain("secret-client-state");

            assertThat(send("POST", "/" + id + "/expire", null).statusCode()).isEqualTo(202);
            assertThat(graph.sim.subscriptions().get(id)).isEmpty();
            assertThat(send("POST", "/" + id + "/expire", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", "/nowhere/else/at/all", null).statusCode()).isEqualTo(404);
            assertThat(send("DELETE", "", null).statusCode()).isEqualTo(204);
            assertThat(graph.sim.subscriptions().delivered()).isEmpty();
        }
    }
}
