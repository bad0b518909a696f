package io.exchangebridge.smtp.outbox;

import static io.exchangebridge.smtp.support.Api.arrivals;
import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.smtp.SmtpFailure;
import io.exchangebridge.simulator.smtp.SmtpSubmission;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** REST intake → durable outbox → SMTP XOAUTH2 to the simulated Exchange Online, with its failure paths. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RestDeliveryTest {

    static final String T = RelayTestResource.TENANT;

    @BeforeEach
    void routes() {
        route(T, "alice@" + T);
        route("bob@" + T, "bob@" + T);
        route("ceo@" + T, "alice@" + T);
        RelayTestResource.FAIL_STATUS.set(0);
    }

    private static JsonPath submit(Map<String, Object> body) {
        return sender().contentType("application/json").body(body).post("/api/messages")
                .then().statusCode(202).extract().jsonPath();
    }

    @Test
    void jsonMessageIsDeliveredWithBccOnlyInTheEnvelope() {
        JsonPath accepted = submit(Map.of("from", "Alice <alice@" + T + ">", "to", List.of("carol@example.com"),
                "cc", List.of("dave@example.com"), "bcc", List.of("secret@example.com"), "subject", "Grüße",
                "text", "Hello", "html", "<p>Hello</p>",
                "attachments", List.of(Map.of("filename", "a.txt", "contentType", "text/plain", "content",
                        Base64.getEncoder().encodeToString("attached".getBytes(StandardCharsets.UTF_8)))),
                "headers", Map.of("X-Order", "42")));
        String messageId = accepted.getString("messageId");

        SmtpSubmission arrived = awaitArrival(messageId);
        String content = arrived.contentAsString();
        assertEquals(List.of("carol@example.com", "dave@example.com", "secret@example.com"), arrived.recipients());
        assertEquals("alice@" + T, arrived.mailFrom());
        assertEquals("alice@" + T, arrived.mailbox());
        assertFalse(content.contains("secret@example.com"), "Bcc must not appear in the message");
        assertFalse(content.toLowerCase().contains("\nbcc:"));
        assertTrue(content.contains("X-Order: 42"));
        assertTrue(content.contains("Message-ID: " + messageId));
        assertTrue(content.contains("filename=a.txt"));

        JsonPath status = awaitStatus(accepted.getString("id"), "SENT");
        assertEquals(1, status.getInt("attempts"));
        assertTrue(status.getString("lastReply").startsWith("250"));
    }

    @Test
    void rawMessageArrivesByteForByte() {
        String id = "<raw-" + UUID.randomUUID() + "@example.com>";
        String raw = "From: info@" + T + "\r\nTo: carol@example.com\r\nBcc: hidden@example.com\r\nSubject: raw\r\n"
                + "Message-ID: " + id + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nLine one ü\r\n.leading dot\r\n\r\nend\r\n";
        sender().contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8)).post("/api/messages")
                .then().statusCode(202).body("messageId", equalTo(id));

        SmtpSubmission arrived = awaitArrival(id);
        String expected = raw.replace("Bcc: hidden@example.com\r\n", "");
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), arrived.content());
        assertTrue(arrived.recipients().contains("hidden@example.com"));
    }

    /** Quarkus REST buffers the first 10 KB of a body on the event loop and reads the rest on a worker thread. */
    @Test
    void bodiesBiggerThanTheReadBufferArriveWhole() {
        String lines = ("0123456789".repeat(7) + "\r\n").repeat(3000);
        JsonPath accepted = submit(Map.of("from", "alice@" + T, "to", List.of("carol@example.com"), "text",
                lines + "end of the JSON text"));
        assertTrue(awaitArrival(accepted.getString("messageId")).contentAsString()
                .contains(lines + "end of the JSON text"));

        String id = "<big-" + UUID.randomUUID() + "@example.com>";
        String raw = "From: info@" + T + "\r\nTo: carol@example.com\r\nSubject: big\r\nMessage-ID: " + id
                + "\r\n\r\n" + lines + "end of the raw body\r\n";
        sender().contentType("message/rfc822").body(raw.getBytes(StandardCharsets.US_ASCII)).post("/api/messages")
                .then().statusCode(202).body("messageId", equalTo(id));
        assertArrayEquals(raw.getBytes(StandardCharsets.US_ASCII), awaitArrival(id).content());
    }

    @Test
    void sameIdempotencyKeyGivesTheSameMessageAndOneSend() {
        Map<String, Object> body = Map.of("from", "alice@" + T, "to", List.of("carol@example.com"), "text", "once");
        String key = UUID.randomUUID().toString();
        String first = sender().header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/api/messages").then().statusCode(202).extract().path("id");
        String second = sender().header("Idempotency-Key", key).contentType("application/json").body(body)
                .post("/api/messages").then().statusCode(202).extract().path("id");
        assertEquals(first, second);
        String messageId = awaitStatus(first, "SENT").getString("messageId");
        assertEquals(1, arrivals(messageId));

        sender().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("from", "alice@" + T, "to", List.of("carol@example.com"), "text", "other"))
                .post("/api/messages").then().statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void mailboxLogonFailureIsRetriedAndDeliveredOnce() {
        RelayTestResource.sim().smtp().faults().failNext(2, SmtpFailure.MAILBOX_LOGON_FAILURE);
        JsonPath accepted = submit(Map.of("from", "alice@" + T, "to", List.of("carol@example.com"), "text", "retry"));
        JsonPath status = awaitStatus(accepted.getString("id"), "SENT");
        assertEquals(3, status.getInt("attempts"));
        assertEquals(1, arrivals(accepted.getString("messageId")));
    }

    @Test
    void droppedConnectionThenServiceUnavailableThenDeliveredOnce() {
        RelayTestResource.sim().smtp().faults().failNext(1, SmtpFailure.DROP_CONNECTION);
        RelayTestResource.sim().smtp().faults().failNext(1, SmtpFailure.SERVICE_NOT_AVAILABLE);
        JsonPath accepted = submit(Map.of("from", "alice@" + T, "to", List.of("carol@example.com"), "text", "down"));
        awaitStatus(accepted.getString("id"), "SENT");
        assertEquals(1, arrivals(accepted.getString("messageId")));
    }

    @Test
    void credentialServiceDownThenBackDeliversOnce() {
        RelayTestResource.FAIL_STATUS.set(503);
        // a fresh mailbox: no pooled connection, so a token is needed
        RelayTestResource.sim().tenant(T).user("erin@" + T);
        route("erin@" + T, "erin@" + T, RelayTestResource.CREDENTIAL + "-erin");
        JsonPath accepted = submit(Map.of("from", "erin@" + T, "to", List.of("carol@example.com"), "text", "later"));
        JsonPath retrying = awaitStatus(accepted.getString("id"), "RETRYING");
        assertTrue(retrying.getString("explanation").contains("credential-service"));
        RelayTestResource.FAIL_STATUS.set(0);
        awaitStatus(accepted.getString("id"), "SENT");
        assertEquals(1, arrivals(accepted.getString("messageId")));
    }

    @Test
    void smtpAuthDisabledFailsWithWhatToDo() {
        // a fresh mailbox: a connection another test left authenticated in the pool would need no AUTH
        String box = "noauth@" + T;
        RelayTestResource.sim().tenant(T).user(box);
        route(box, box);
        RelayTestResource.sim().smtp().faults().smtpAuthForMailbox(box, false);
        try {
            JsonPath accepted = submit(Map.of("from", box, "to", List.of("carol@example.com"), "text", "x"));
            JsonPath failed = awaitStatus(accepted.getString("id"), "FAILED");
            assertTrue(failed.getString("lastReply").startsWith("535 5.7.139"));
            assertTrue(failed.getString("explanation").contains("Set-CASMailbox -Identity " + box
                    + " -SmtpClientAuthenticationDisabled $false"));
            assertTrue(failed.getString("explanation").contains("GRAPH"));
        } finally {
            RelayTestResource.sim().smtp().faults().smtpAuthForMailbox(box, true);
        }
    }

    @Test
    void sendAsDeniedFailsWithWhatToDo() {
        JsonPath accepted = submit(Map.of("from", "ceo@" + T, "to", List.of("carol@example.com"), "text", "x"));
        JsonPath failed = awaitStatus(accepted.getString("id"), "FAILED");
        assertTrue(failed.getString("lastReply").startsWith("554 5.2.252"));
        assertTrue(failed.getString("explanation").contains("Grant Send As"));
        assertEquals(0, arrivals(accepted.getString("messageId")));
    }

    @Test
    void refusedTokenIsRefreshedOnceThenFailsAsConsentProblem() {
        RelayTestResource.sim().tenant(T).user("frank@" + T);
        route("frank@" + T, "frank@" + T, RelayTestResource.CREDENTIAL + "-frank");
        RelayTestResource.TOKEN_OVERRIDE.set("not-a-valid-token");
        try {
            int before = RelayTestResource.TOKENS_ISSUED.get();
            JsonPath accepted = submit(Map.of("from", "frank@" + T, "to", List.of("carol@example.com"), "text", "x"));
            JsonPath failed = awaitStatus(accepted.getString("id"), "FAILED");
            assertTrue(failed.getString("lastReply").startsWith("535 5.7.3"));
            assertTrue(failed.getString("explanation").contains("consent"));
            assertEquals(before + 2, RelayTestResource.TOKENS_ISSUED.get());
            // The second request named the refused token by its hash, so a real broker would not answer it again.
            assertEquals(RelayTestResource.sha256("not-a-valid-token"),
                    RelayTestResource.REJECTED_FINGERPRINTS.get(RelayTestResource.REJECTED_FINGERPRINTS.size() - 1));
        } finally {
            RelayTestResource.TOKEN_OVERRIDE.set(null);
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        sender().contentType("application/json").body(Map.of("to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Field 'from' is required."));
        sender().contentType("application/json")
                .body(Map.of("from", "alice@" + T, "to", List.of("ok@example.com", "not an address"), "text", "x"))
                .post("/api/messages").then().statusCode(400).body("detail", containsString("'to[1]'"));
        sender().contentType("application/json")
                .body(Map.of("from", "alice@" + T, "to", List.of("ok@example.com"), "text", "x",
                        "headers", Map.of("Bcc", "sneaky@example.com")))
                .post("/api/messages").then().statusCode(400).body("detail", containsString("headers.Bcc"));
        sender().contentType("message/rfc822").body(bytes("To: a@example.com\r\n\r\nno from\r\n"))
                .post("/api/messages").then().statusCode(400).body("detail", containsString("From"));
        sender().contentType("message/rfc822").body(bytes("From: alice@" + T + "\r\nTo: a@example.com\r\n"
                + "Content-Type: multipart/mixed; boundary=xyz\r\n\r\nno parts at all\r\n"))
                .post("/api/messages").then().statusCode(400).body("detail", containsString("Malformed MIME"));
        sender().contentType("application/json")
                .body(Map.of("from", "nobody@unrouted.example", "to", List.of("ok@example.com"), "text", "x"))
                .post("/api/messages").then().statusCode(422).body("detail", containsString("/api/routes"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everythingButHealthNeedsTheRightUser() {
        given().get("/api/messages/" + UUID.randomUUID()).then().statusCode(401);
        sender().get("/api/routes").then().statusCode(403);
        sender().get("/api/messages/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
