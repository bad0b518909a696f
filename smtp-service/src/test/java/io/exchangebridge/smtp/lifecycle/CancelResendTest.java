package io.exchangebridge.smtp.lifecycle;

import static io.exchangebridge.smtp.support.Api.admin;
import static io.exchangebridge.smtp.support.Api.sender;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.exchangebridge.smtp.outbox.MessageStatus;
import io.exchangebridge.smtp.outbox.NewMessage;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.support.NoWorkersProfile;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Cancel and resend over REST with this instance's workers off, the test playing the workers of other relays on the
 * same database: who may act, which states allow it, the audit entries, and that a worker whose claim was lost cannot
 * mark a cancelled message SENT.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(NoWorkersProfile.class)
class CancelResendTest {

    static final byte[] BODY = "\r\nHello, this body stays byte for byte.\r\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    OutboxStore outbox;

    @Inject
    DataSource dataSource;

    private UUID store(String submitter, String messageId) {
        byte[] head = ("From: a@contoso.onmicrosoft.com\r\nMessage-ID:\r\n " + messageId + "\r\nSubject: s\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] mime = new byte[head.length + BODY.length];
        System.arraycopy(head, 0, mime, 0, head.length);
        System.arraycopy(BODY, 0, mime, head.length, BODY.length);
        return outbox.enqueue(new NewMessage(submitter, null, null, "a@contoso.onmicrosoft.com",
                List.of("b@example.com"), messageId, mime, "s")).id();
    }

    private ClaimedMessage claim(UUID id, Duration timeout) {
        return outbox.claim(1000, timeout).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private boolean claimable(UUID id) {
        return outbox.claim(1000, Duration.ofMinutes(5)).stream().anyMatch(m -> m.id().equals(id));
    }

    @Test
    void aQueuedMessageIsCancelledNeverClaimedAndResentWithItsMessageId() {
        String messageId = "<" + UUID.randomUUID() + "@t>";
        UUID id = store("app", messageId);
        sender().post("/api/messages/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("messageId", equalTo(messageId));
        assertEquals(MessageStatus.CANCELLED, outbox.find(id).orElseThrow().status());
        assertTrue(!claimable(id), "a cancelled message is not claimed");
        admin().get("/api/audit?target=" + id).then().statusCode(200)
                .body("items[0].action", equalTo("message.cancel")).body("items[0].actor", equalTo("app"))
                .body("items[0].detail", equalTo("was QUEUED"));

        JsonPath resent = sender().post("/api/messages/" + id + "/resend").then().statusCode(200).extract().jsonPath();
        assertEquals("QUEUED", resent.getString("status"));
        assertEquals(messageId, resent.getString("messageId"));
        admin().get("/api/audit?target=" + id).then().body("items[0].action", equalTo("message.resend"));
        ClaimedMessage again = claim(id, Duration.ofMinutes(5));
        assertEquals(messageId, again.messageId());
        assertEquals(1, again.attempts(), "attempts keep counting across a resend");
    }

    @Test
    void aMessageBeingDeliveredOrSentCannotBeCancelledAndOnlyFinishedOnesResent() {
        UUID id = store("app", "<" + UUID.randomUUID() + "@t>");
        sender().post("/api/messages/" + id + "/resend").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("only FAILED or CANCELLED"));
        ClaimedMessage claimed = claim(id, Duration.ofMinutes(5));
        sender().post("/api/messages/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("being delivered"));
        outbox.markSent(List.of(new OutboxStore.SentMark(id, claimed.attempts(), "250 2.0.0 OK", null)));
        sender().post("/api/messages/" + id + "/cancel").then().statusCode(409)
                .body("detail", containsString("is SENT"));
        sender().post("/api/messages/" + id + "/resend").then().statusCode(409);
        assertEquals(MessageStatus.SENT, outbox.find(id).orElseThrow().status());
        admin().get("/api/audit?target=" + id).then().body("items.size()", equalTo(0));
    }

    @Test
    void anotherSenderGets404AnAdminActsOnEveryMessage() {
        UUID id = store("app", "<" + UUID.randomUUID() + "@t>");
        given().auth().preemptive().basic("other", "test-other-password").post("/api/messages/" + id + "/cancel")
                .then().statusCode(404).contentType("application/problem+json");
        sender().post("/api/messages/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        given().post("/api/messages/" + id + "/cancel").then().statusCode(401);
        assertEquals(MessageStatus.QUEUED, outbox.find(id).orElseThrow().status());
        admin().post("/api/messages/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        given().auth().preemptive().basic("other", "test-other-password").post("/api/messages/" + id + "/resend")
                .then().statusCode(404);
        admin().contentType("application/json").body("not json").post("/api/messages/" + id + "/resend").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("newMessageId"));
        admin().contentType("application/json").body("{}").post("/api/messages/" + id + "/resend").then()
                .statusCode(200).body("status", equalTo("QUEUED"));
        admin().get("/api/audit?target=" + id).then().body("items[0].actor", equalTo("admin"))
                .body("items[1].actor", equalTo("admin"));
    }

    @Test
    void aResendAskedForANewMessageIdRewritesOnlyThatHeader() throws SQLException {
        String old = "<" + UUID.randomUUID() + "@t>";
        UUID id = store("app", old);
        ClaimedMessage claimed = claim(id, Duration.ofMinutes(5));
        outbox.markFailed(claimed, "554 5.2.252 SendAsDenied", "grant Send As", null);
        JsonPath resent = sender().contentType("application/json").body(Map.of("newMessageId", true))
                .post("/api/messages/" + id + "/resend").then().statusCode(200).extract().jsonPath();
        String fresh = resent.getString("messageId");
        assertNotEquals(old, fresh);
        assertTrue(fresh.endsWith("@exchange-bridge.local>"), fresh);
        assertEquals("QUEUED", resent.getString("status"));
        assertEquals(null, resent.getString("lastReply"));
        String mime = new String(mime(id), StandardCharsets.US_ASCII);
        assertTrue(mime.startsWith("Message-ID: " + fresh + "\r\nFrom: a@contoso.onmicrosoft.com\r\nSubject: s\r\n"),
                mime);
        assertTrue(!mime.contains(old), "the old Message-ID and its folded line are gone");
        byte[] stored = mime(id);
        byte[] tail = java.util.Arrays.copyOfRange(stored, stored.length - BODY.length, stored.length);
        assertArrayEquals(BODY, tail);
        admin().get("/api/audit?target=" + id).then().body("items[0].detail", containsString(fresh));
        assertEquals(fresh, claim(id, Duration.ofMinutes(5)).messageId());
    }

    /**
     * Relay A claims a message and freezes; its claim runs out, relay B claims it and gives it back (no pacing slot),
     * the sender cancels it. When A wakes up its SENT (or FAILED) belongs to a claim that no longer holds: the message
     * stays CANCELLED.
     */
    @Test
    void aWorkerWhoseClaimWasLostCannotMarkACancelledMessageSent() {
        UUID id = store("app", "<" + UUID.randomUUID() + "@t>");
        ClaimedMessage stale = claim(id, Duration.ZERO);
        ClaimedMessage current = claim(id, Duration.ofMinutes(5));
        assertEquals(stale.attempts() + 1, current.attempts());
        outbox.postpone(current, Instant.now());
        sender().post("/api/messages/" + id + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        outbox.markSent(List.of(new OutboxStore.SentMark(id, stale.attempts(), "250 2.0.0 OK", null)));
        outbox.markFailed(stale, "554", "x", null);
        outbox.markRetrying(stale, "421", "x", Instant.now(), null);
        assertEquals(MessageStatus.CANCELLED, outbox.find(id).orElseThrow().status());
        assertEquals(null, outbox.find(id).orElseThrow().sentAt());
    }

    private byte[] mime(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT mime FROM outbox_message WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
