package io.exchangebridge.smtp.route;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.smtp.SmtpSubmission;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code POST /api/routes/{id}/test}: a short message from the route's sender goes through the normal outbox and
 * reaches (simulated) Exchange Online; the action is audited as {@code route.test}.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RouteTestMessageTest {

    static final String T = RelayTestResource.TENANT;

    private static String create(String sender, String mailbox) {
        return admin().contentType("application/json")
                .body(Map.of("sender", sender, "credentialId", RelayTestResource.CREDENTIAL, "mailbox", mailbox,
                        "transport", "SMTP"))
                .post("/api/routes").then().statusCode(201).extract().path("id");
    }

    private static Response test(String routeId, Map<String, ?> body) {
        return admin().contentType("application/json").body(body).post("/api/routes/" + routeId + "/test");
    }

    @Test
    void theTestMessageIsDeliveredThroughTheOutboxAndAudited() {
        String user = "route-test-" + UUID.randomUUID().toString().substring(0, 8) + "@" + T;
        RelayTestResource.sim().tenant(T).user(user);
        String routeId = create(user, user);
        Instant before = Instant.now().minusSeconds(1);

        Response accepted = test(routeId, Map.of("to", "carol@example.com"));
        accepted.then().statusCode(202).contentType("application/json").body("status", equalTo("QUEUED"));
        JsonPath answer = accepted.jsonPath();
        String id = answer.getString("id");
        assertThat(answer.getMap("")).containsOnlyKeys("id", "status", "statusUrl");
        assertThat(answer.getString("statusUrl")).isEqualTo("/api/messages/" + id);
        assertThat(accepted.header("Location")).endsWith("/api/messages/" + id);

        JsonPath sent = await().atMost(Duration.ofSeconds(20)).until(
                () -> admin().get("/api/messages/" + id).then().statusCode(200).extract().jsonPath(),
                json -> "SENT".equals(json.getString("status")));
        SmtpSubmission arrived = awaitArrival(sent.getString("messageId"));
        assertThat(arrived.mailFrom()).isEqualTo(user);
        assertThat(arrived.mailbox()).isEqualTo(user);
        assertThat(arrived.recipients()).containsExactly("carol@example.com");
        String content = arrived.contentAsString();
        assertThat(content).contains("Subject: Exchange Bridge test message", "From: " + user,
                "To: carol@example.com", routeId);

        // it is the admin user's message: listed for admins, not for a sender
        admin().queryParam("recipient", "carol@example.com").queryParam("subject", "exchange bridge TEST")
                .queryParam("from", before.toString()).get("/api/messages").then().statusCode(200)
                .body("items.id", hasItem(id));
        sender().get("/api/messages/" + id).then().statusCode(404);

        List<Map<String, Object>> audit = admin().queryParam("target", routeId).queryParam("action", "route.test")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsEntry("actor", "admin").containsEntry("result", "OK");
        assertThat((String) audit.get(0).get("detail")).contains("to=carol@example.com", "from=" + user,
                "message=" + id);
    }

    @Test
    void badRecipientsUnknownRoutesAndNonAdminsAreRefusedAndNothingIsSent() {
        String routeId = create("refused-" + UUID.randomUUID().toString().substring(0, 8) + "@" + T, "alice@" + T);

        List<Map<String, ?>> bodies = List.of(Map.of("to", "not an address"), Map.of("to", ""), Map.of());
        for (Map<String, ?> body : bodies) {
            test(routeId, body).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("Field 'to' must be an email address."));
        }
        test(routeId, Map.of("to", "carol@example.com", "from", "someone@elsewhere.example")).then().statusCode(400)
                .body("detail", containsString("Field 'from'"));
        String unknown = UUID.randomUUID().toString();
        test(unknown, Map.of("to", "carol@example.com")).then().statusCode(404)
                .body("detail", equalTo("No route " + unknown + "."));
        sender().contentType("application/json").body(Map.of("to", "carol@example.com"))
                .post("/api/routes/" + routeId + "/test").then().statusCode(403);

        assertThat(admin().queryParam("target", routeId).queryParam("action", "route.test").get("/api/audit")
                .jsonPath().getList("items")).isEmpty();
    }

    @Test
    void aDomainRouteSendsFromItsMailboxOrNeedsAFromAddress() {
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String inDomain = create(domain, "relay@" + domain);
        test(inDomain, Map.of("to", "carol@example.com")).then().statusCode(202);
        String id = test(inDomain, Map.of("to", "carol@example.com", "from", "billing@" + domain)).then()
                .statusCode(202).extract().path("id");
        admin().get("/api/messages/" + id).then().statusCode(200).body("from", equalTo("billing@" + domain));

        String other = "e" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String outside = create(other, "alice@" + T);
        test(outside, Map.of("to", "carol@example.com")).then().statusCode(400)
                .body("detail", containsString("Field 'from' is required"));
    }
}
