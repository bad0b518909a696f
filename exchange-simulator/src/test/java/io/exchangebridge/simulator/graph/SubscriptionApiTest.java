package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.body;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.subscription.Delivery;
import io.exchangebridge.simulator.graph.subscription.SimSubscription;

/** {@code /v1.0/subscriptions} over HTTP: create with the handshake, get, list, renew, delete, and the refusals. */
@TestInstance(Lifecycle.PER_CLASS)
class SubscriptionApiTest {

    private SimulatorGraph graph;
    private SubscriptionHttp http;
    private SubscriptionReceiver receiver;
    private String token;

    @BeforeAll
    void start() {
        graph = new SimulatorGraph();
        graph.importer.applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Calendars.Read");
        http = new SubscriptionHttp(graph);
        token = graph.appToken();
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    @BeforeEach
    void clean() {
        if (receiver != null) {
            receiver.close();
        }
        receiver = new SubscriptionReceiver();
        graph.sim.subscriptions().reset();
        graph.sim.subscriptions().allowHttp(true);
    }

    @Test
    void createValidatesBothUrlsThenGetListRenewAndDelete() {
        String resource = "users/" + ALICE + "/mailFolders('inbox')/messages";
        HttpResponse<String> created = http.create(token, body(resource, "created", receiver.url("/notify"),
                receiver.url("/lifecycle")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode json = json(created);
        String id = json.get("id").asText();
        assertThat(json.get("resource").asText()).isEqualTo(resource);
        assertThat(json.get("applicationId").asText()).isEqualTo(graph.importer.clientId());
        assertThat(json.get("changeType").asText()).isEqualTo("created");
        assertThat(json.get("lifecycleNotificationUrl").asText()).isEqualTo(receiver.url("/lifecycle"));
        assertThat(json.get("latestSupportedTlsVersion").asText()).isEqualTo("v1_2");
        // Graph's token has spaces and colons: only a receiver that decodes it echoes it right
        assertThat(receiver.validationTokens()).hasSize(2)
                .allSatisfy(t -> assertThat(t).startsWith("Validation: Testing client application reachability"));
        assertThat(graph.sim.subscriptions().delivered()).extracting(Delivery::kind)
                .containsExactly(Delivery.Kind.VALIDATION, Delivery.Kind.VALIDATION);

        assertThat(json(http.call("GET", "/subscriptions/" + id, token, null)).get("id").asText()).isEqualTo(id);
        assertThat(json(http.call("GET", "/subscriptions", token, null)).get("value")).extracting(v -> v.get("id")
                .asText()).containsExactly(id);

        Instant renewed = Instant.now().plus(Duration.ofDays(6)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<String> patched = http.call("PATCH", "/subscriptions/" + id, token,
                "{\"expirationDateTime\": \"" + renewed + "\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(Instant.parse(json(patched).get("expirationDateTime").asText())).isEqualTo(renewed);
        assertThat(graph.sim.subscriptions().get(id)).map(SimSubscription::expiration).contains(renewed);

        assertThat(http.call("DELETE", "/subscriptions/" + id, token, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = http.call("GET", "/subscriptions/" + id, token, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(http.call("PATCH", "/subscriptions/" + id, token, "{\"expirationDateTime\": \"" + renewed
                + "\"}").statusCode()).isEqualTo(404);
        assertThat(graph.sim.subscriptions().all()).isEmpty();
    }

    @Test
    void aReceiverThatDoesNotEchoTheTokenGetsNoSubscription() {
        receiver.refuseHandshakes();
        HttpResponse<String> refused = http.create(token, body("users/" + ALICE + "/messages", "created",
                receiver.url("/notify"), null));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("ValidationError");
        assertThat(json(refused).at("/error/message").asText()).startsWith("Subscription validation request failed");
        assertThat(graph.sim.subscriptions().all()).isEmpty();

        HttpResponse<String> unreachable = http.create(token, body("users/" + ALICE + "/messages", "created",
                "http://127.0.0.1:1/nothing-listens", null));
        assertThat(unreachable.statusCode()).isEqualTo(400);
        assertThat(json(unreachable).at("/error/code").asText()).isEqualTo("ValidationError");
    }

    @Test
    void aHandshakeAnsweredAfterTenSecondsTimesOut() {
        receiver.delayHandshakes(Duration.ofSeconds(11));
        HttpResponse<String> late = http.create(token, body("users/" + ALICE + "/messages", "created",
                receiver.url("/notify"), null));
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(json(late).at("/error/code").asText()).isEqualTo("ValidationError");
        assertThat(json(late).at("/error/message").asText()).isEqualTo("Subscription validation request timed out.");
        assertThat(graph.sim.subscriptions().delivered()).extracting(Delivery::status).containsExactly(0);
    }

    @Test
    void httpsIsRequiredUnlessAllowedAndTheLifetimeIsBounded() {
        graph.sim.subscriptions().allowHttp(false);
        HttpResponse<String> plain = http.create(token, body("users/" + ALICE + "/messages", "created",
                receiver.url("/notify"), null));
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("https");
        assertThat(receiver.validationTokens()).isEmpty();
        graph.sim.subscriptions().allowHttp(true);

        String tooLong = body("users/" + ALICE + "/messages", "created", receiver.url("/n"), null).replaceAll(
                "\"expirationDateTime\": \"[^\"]+\"", "\"expirationDateTime\": \"" + Instant.now().plus(Duration
                        .ofMinutes(10_080)) + "\"");
        HttpResponse<String> refused = http.create(token, tooLong);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).at("/error/message").asText())
                .isEqualTo("Subscription expiration can only be 10070 minutes in the future.");
        String past = tooLong.replaceAll("\"expirationDateTime\": \"[^\"]+\"", "\"expirationDateTime\": \""
                + Instant.now().minusSeconds(60) + "\"");
        assertThat(http.create(token, past).statusCode()).isEqualTo(400);
        assertThat(http.create(token, body("users/" + ALICE + "/contacts", "created", receiver.url("/n"), null))
                .statusCode()).isEqualTo(400);
        assertThat(http.create(token, body("users/" + ALICE + "/messages", "moved", receiver.url("/n"), null))
                .statusCode()).isEqualTo(400);
        assertThat(graph.sim.subscriptions().all()).isEmpty();
    }

    @Test
    void theResourcesPermissionAndAccessPolicyDecide() {
        AppRegistration mailOnly = graph.contoso.app("11111111-aaaa-bbbb-cccc-000000000181")
                .applicationRoles(Resources.GRAPH, "Mail.Read").restrictToMailboxes(ALICE);
        String mailToken = graph.sim.tokens().applicationToken(mailOnly, Resources.GRAPH);
        assertThat(http.create(mailToken, body("users/" + ALICE + "/messages", "created", receiver.url("/n"),
                null)).statusCode()).isEqualTo(201);
        HttpResponse<String> noCalendar = http.create(mailToken, body("users/" + ALICE + "/events", "created",
                receiver.url("/n"), null));
        assertThat(noCalendar.statusCode()).isEqualTo(403);
        assertThat(noCalendar.body()).contains("ErrorAccessDenied");
        assertThat(http.create(mailToken, body("users/" + BOB + "/messages", "created", receiver.url("/n"), null))
                .statusCode()).as("the policy excludes Bob").isEqualTo(403);

        // only the creating app sees its subscription
        String id = graph.sim.subscriptions().all().get(0).id();
        assertThat(http.call("GET", "/subscriptions/" + id, token, null).statusCode()).isEqualTo(404);
        assertThat(json(http.call("GET", "/subscriptions", token, null)).get("value")).isEmpty();
        assertThat(http.call("DELETE", "/subscriptions/" + id, token, null).statusCode()).isEqualTo(404);

        String alice = graph.sim.tokens().delegatedToken(graph.importer, graph.contoso.findUser(ALICE)
                .orElseThrow(), Resources.GRAPH, "Mail.Read", "Mail.Read.Shared");
        HttpResponse<String> own = http.create(alice, body("me/mailFolders/inbox/messages", "created",
                receiver.url("/n"), null));
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(json(own).get("creatorId").asText()).isEqualTo(graph.contoso.findUser(ALICE).orElseThrow().id());
        String ownId = json(own).get("id").asText();
        assertThat(http.call("POST", "/subscriptions/" + ownId + "/reauthorize", alice, null).statusCode())
                .isEqualTo(204);
        String withoutMail = graph.sim.tokens().delegatedToken(graph.importer, graph.contoso.findUser(ALICE)
                .orElseThrow(), Resources.GRAPH, "Calendars.Read");
        assertThat(http.call("POST", "/subscriptions/" + ownId + "/reauthorize", withoutMail, null).statusCode())
                .as("the resource's permission is gone").isEqualTo(403);
        assertThat(http.create(alice, body("users/" + SimulatorGraph.SHARED + "/messages", "created",
                receiver.url("/n"), null)).statusCode()).as("no subscriptions with .Shared").isEqualTo(403);
    }
}
