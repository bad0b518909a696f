package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.FakeGraphResource;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Routes with transport GRAPH deliver the stored MIME through Graph sendMail, Bcc included for Graph only. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@WithTestResource(FakeGraphResource.class)
class GraphDeliveryTest {

    static final String T = RelayTestResource.TENANT;

    private static FakeGraphResource.Request requestFor(String mailbox) {
        return FakeGraphResource.REQUESTS.stream().filter(r -> r.mailbox().equals(mailbox)).findFirst()
                .orElseThrow();
    }

    @Test
    void graphRouteSendsTheMimeWithBcc() {
        route("kate@" + T, "kate@" + T, RelayTestResource.CREDENTIAL, "GRAPH");
        String id = sender().contentType("application/json")
                .body(Map.of("from", "kate@" + T, "to", List.of("carol@example.com"), "bcc",
                        List.of("audit@example.com"), "subject", "via Graph", "text", "Sent through Graph."))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        JsonPath sent = awaitStatus(id, "SENT");
        assertTrue(sent.getString("lastReply").startsWith("202"));

        FakeGraphResource.Request request = requestFor("kate@" + T);
        assertTrue(request.authorization().startsWith("Bearer ey"), "a Graph token");
        assertTrue(request.contentType().startsWith("text/plain"));
        String mime = new String(request.mime(), StandardCharsets.UTF_8);
        assertTrue(mime.startsWith("Bcc: audit@example.com\r\n"), "Bcc header for Graph");
        assertTrue(mime.contains("Message-ID: " + sent.getString("messageId")));
        assertTrue(mime.contains("Sent through Graph."));
    }

    @Test
    void graphSendAsDeniedFailsWithWhatToDo() {
        route("boss@" + T, "denied@" + T, RelayTestResource.CREDENTIAL, "GRAPH");
        String id = sender().contentType("application/json")
                .body(Map.of("from", "boss@" + T, "to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        JsonPath failed = awaitStatus(id, "FAILED");
        assertEquals("403 ErrorSendAsDenied", failed.getString("lastReply"));
        assertTrue(failed.getString("explanation").contains("Grant Send As"));
    }
}
