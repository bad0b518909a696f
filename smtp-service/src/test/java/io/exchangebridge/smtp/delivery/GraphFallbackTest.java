package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * With the fallback on, an SMTP route whose mailbox has SMTP AUTH disabled (5.7.139) delivers through the simulator's
 * Graph sendMail instead.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(GraphFallbackTest.Fallback.class)
class GraphFallbackTest {

    static final String T = RelayTestResource.TENANT;

    /** Fallback to Graph switched on. */
    public static class Fallback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.graph.fallback-on-smtp-auth-disabled", "true");
        }
    }

    @Test
    void smtpAuthDisabledFallsBackToGraph() {
        RelayTestResource.sim().tenant(T).user("leo@" + T).smtpAuthEnabled(false);
        route("leo@" + T, "leo@" + T, RelayTestResource.CREDENTIAL + "-leo");
        String id = sender().contentType("application/json")
                .body(Map.of("from", "leo@" + T, "to", List.of("carol@example.com"), "text", "fallback"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        JsonPath sent = awaitStatus(id, "SENT");
        assertTrue(sent.getString("lastReply").startsWith("202"));
        String messageId = sent.getString("messageId");
        assertEquals(1, RelayTestResource.sim().mail().sent("leo@" + T).stream()
                .filter(s -> s.mimeText().contains("Message-ID: " + messageId)).count());
        assertEquals(0, RelayTestResource.sim().smtp().outbox().messages("leo@" + T).size());
        // the listing names the transport the message really went by, not the route's
        assertEquals("GRAPH", sender().queryParam("sender", "leo@" + T).get("/api/messages").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.id == '" + id + "' }.transport"));
    }
}
