package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Routes with transport GRAPH deliver the stored MIME through the simulator's Graph {@code sendMail}: the mailbox
 * records exactly what was stored (plus the Bcc header Graph needs), Bcc recipients get it, refusals and throttling end
 * as FAILED or RETRYING-then-SENT once.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class GraphDeliveryTest {

    static final String T = RelayTestResource.TENANT;

    private static List<SentMail> sent(String mailbox) {
        return RelayTestResource.sim().mail().sent(mailbox);
    }

    /** Mailboxes of their own: routes are shared with the other test classes, which deliver over SMTP. */
    @BeforeAll
    static void mailboxes() {
        for (String user : List.of("gina", "ivy", "carol")) {
            RelayTestResource.sim().tenant(T).user(user + "@" + T);
        }
    }

    private static String submit(String from, String text) {
        return sender().contentType("application/json")
                .body(Map.of("from", from, "to", List.of("bob@" + T), "bcc", List.of("carol@" + T), "subject",
                        "via Graph", "text", text))
                .post("/api/messages").then().statusCode(202).extract().path("id");
    }

    @Test
    void graphRouteSendsTheExactMimeAndDeliversBccWithoutHeader() {
        route("gina@" + T, "gina@" + T, RelayTestResource.CREDENTIAL, "GRAPH");
        String raw = "From: Gina <gina@" + T + ">\r\nTo: bob@" + T + "\r\nBcc: carol@" + T
                + "\r\nSubject: raw via Graph\r\nMessage-ID: <graph-raw-1@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Gr\u00fc\u00dfe through Graph.\r\n.leading dot\r\n";
        String id = sender().contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        JsonPath status = awaitStatus(id, "SENT");
        assertTrue(status.getString("lastReply").startsWith("202"));

        List<SentMail> sent = sent("gina@" + T).stream()
                .filter(s -> s.mimeText().contains("<graph-raw-1@example.com>")).toList();
        assertEquals(1, sent.size());
        SentMail mail = sent.get(0);
        assertEquals("mime", mail.format());
        assertEquals(List.of("bob@" + T, "carol@" + T), mail.recipients());
        String stored = raw.replace("Bcc: carol@" + T + "\r\n", "");
        // what Graph got: the stored message byte for byte, behind the Bcc header Graph removes when it sends
        assertEquals("Bcc: carol@" + T + "\r\n" + stored, new String(mail.mime(), StandardCharsets.UTF_8));
        String delivered = RelayTestResource.sim().mail().mailbox("carol@" + T).allMessages().stream()
                .map(m -> new String(m.mime(), StandardCharsets.UTF_8))
                .filter(m -> m.contains("<graph-raw-1@example.com>")).findFirst().orElseThrow();
        assertFalse(delivered.contains("Bcc:"), "the Bcc recipient's copy names no Bcc");
    }

    @Test
    void graphSendAsDeniedFailsWithWhatToDo() {
        route("hank@" + T, "gina@" + T, RelayTestResource.CREDENTIAL, "GRAPH");
        String id = submit("hank@" + T, "not allowed");
        JsonPath failed = awaitStatus(id, "FAILED");
        assertEquals("403 ErrorSendAsDenied", failed.getString("lastReply"));
        assertTrue(failed.getString("explanation").contains("Grant Send As"), failed.getString("explanation"));
        assertEquals(1, failed.getInt("attempts"));
    }

    @Test
    void throttledAndUnavailableAreRetriedThenSentOnce() {
        String mailbox = "ivy@" + T;
        route(mailbox, mailbox, RelayTestResource.CREDENTIAL, "GRAPH");
        // Retry-After 3 s keeps the message RETRYING long enough to be seen on a loaded machine.
        RelayTestResource.sim().mail().faults().throttleNext(mailbox, 1, RetryAfter.seconds(3))
                .failNext(mailbox, 1, 503);
        String id = submit(mailbox, "after throttling");
        JsonPath retrying = awaitStatus(id, "RETRYING");
        assertTrue(retrying.getString("lastReply").matches("(429|503) .*"), retrying.getString("lastReply"));
        JsonPath done = awaitStatus(id, "SENT");
        assertEquals(3, done.getInt("attempts"));
        String messageId = done.getString("messageId");
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> sent(mailbox).stream().filter(s -> s.mimeText().contains(messageId)).count() == 1);
    }
}
