package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.simulator.graph.store.StoredMessage;
import io.exchangebridge.smtp.route.SenderRoute;
import io.exchangebridge.smtp.route.Transport;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Messages too large for Graph's sendMail go as a draft, attachments of 3 MB and more through upload sessions in
 * chunks, then send: delivered byte for byte, once, also when a chunk fails or an attempt is repeated after the draft
 * exists or after it was sent.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class GraphLargeMessageTest {

    static final String T = RelayTestResource.TENANT;

    @Inject
    GraphDelivery graph;

    @BeforeAll
    static void mailboxes() {
        for (String user : List.of("lara", "mona", "nina", "olga", "paul", "carol")) {
            RelayTestResource.sim().tenant(T).user(user + "@" + T);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A multipart/mixed message: text body, an inline image, a small and a large attachment. */
    private static byte[] mime(String from, String subject, String messageId, byte[] small, byte[] large) {
        String b = "----=_Part_large_1";
        StringBuilder s = new StringBuilder();
        s.append("From: Sender <").append(from).append(">\r\nTo: Bob <bob@").append(T).append(">\r\nBcc: carol@")
                .append(T).append("\r\nSubject: ").append(subject).append("\r\nMessage-ID: ").append(messageId)
                .append("\r\nX-Invoice-Batch: 42\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"")
                .append(b).append("\"\r\n\r\n--").append(b)
                .append("\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .append("Gr\u00fc\u00dfe, the invoices are attached.\r\n");
        part(s, b, "small.pdf", "application/pdf", small);
        part(s, b, "large.zip", "application/zip", large);
        s.append("--").append(b).append("--\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void part(StringBuilder s, String boundary, String name, String type, byte[] bytes) {
        s.append("--").append(boundary).append("\r\nContent-Type: ").append(type).append("; name=\"").append(name)
                .append("\"\r\nContent-Disposition: attachment; filename=\"").append(name)
                .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n");
    }

    private static String submit(byte[] raw) {
        return sender().contentType("message/rfc822").body(raw).post("/api/messages").then().statusCode(202)
                .extract().path("id");
    }

    private static List<SentMail> sent(String mailbox, String subject) {
        return RelayTestResource.sim().mail().sent(mailbox).stream().filter(s -> subject.equals(s.subject())).toList();
    }

    /** The decoded attachments of a delivered MIME, by file name. */
    private static Map<String, byte[]> attachments(byte[] mime) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
        Map<String, byte[]> found = new HashMap<>();
        Multipart multipart = new MimeMultipart(new MimePartDataSource(message));
        for (int i = 0; i < multipart.getCount(); i++) {
            Part p = multipart.getBodyPart(i);
            if (p.getFileName() != null) {
                try (InputStream in = p.getInputStream()) {
                    found.put(p.getFileName(), in.readAllBytes());
                }
            }
        }
        return found;
    }

    private static List<StoredMessage> tagged(String mailbox, String folder, UUID id) {
        return RelayTestResource.sim().mail().mailbox(mailbox).messages(folder).stream()
                .filter(m -> m.extendedProperty(GraphDraft.TAG_PROPERTY).map(id.toString()::equals).orElse(false))
                .toList();
    }

    private static byte[] delivered(String recipient, String subject) {
        return RelayTestResource.sim().mail().mailbox(recipient).messages("inbox").stream()
                .filter(m -> new String(m.mime(), StandardCharsets.UTF_8).contains("Subject: " + subject))
                .findFirst().orElseThrow().mime();
    }

    @Test
    void aTwentyFiveMegabyteMessageIsSentAsADraftWithItsAttachmentsByteForByte() throws Exception {
        String mailbox = "lara@" + T;
        route(mailbox, mailbox, RelayTestResource.CREDENTIAL, "GRAPH");
        byte[] small = random(1_000_000, 1);
        byte[] large = random(17_000_000, 2);
        byte[] raw = mime(mailbox, "Invoices 25 MB", "<large-25mb@example.com>", small, large);
        assertTrue(raw.length > 24_000_000 && raw.length < 26_214_400, "about 25 MB: " + raw.length);

        String id = submit(raw);
        // 25 MB through the outbox, Graph and the simulator take a while on a loaded machine
        await().atMost(Duration.ofSeconds(120)).until(() -> "SENT".equals(sender().get("/api/messages/" + id)
                .then().statusCode(200).extract().path("status")));
        JsonPath done = awaitStatus(id, "SENT");
        assertTrue(done.getString("lastReply").contains("Graph draft"), done.getString("lastReply"));

        List<SentMail> sent = sent(mailbox, "Invoices 25 MB");
        assertEquals(1, sent.size());
        assertEquals("draft", sent.get(0).format());
        assertEquals(List.of("bob@" + T, "carol@" + T), sent.get(0).recipients());
        byte[] atBob = delivered("bob@" + T, "Invoices 25 MB");
        Map<String, byte[]> files = attachments(atBob);
        assertArrayEquals(small, files.get("small.pdf"));
        assertArrayEquals(large, files.get("large.zip"));
        String headers = new String(atBob, 0, 4000, StandardCharsets.UTF_8);
        assertTrue(headers.contains("X-Invoice-Batch: 42"), headers);
        assertTrue(headers.contains("Message-ID: <large-25mb@example.com>"), "the intake's Message-ID: " + headers);
        assertFalse(headers.contains("Bcc:"), headers);
        assertArrayEquals(large, attachments(delivered("carol@" + T, "Invoices 25 MB")).get("large.zip"));
        assertTrue(RelayTestResource.sim().mail().mailbox(mailbox).messages("drafts").isEmpty(), "no draft left");
        assertTrue(RelayTestResource.sim().requestLog().records().stream()
                .anyMatch(r -> r.endpoint().equals("attachment.upload") && mailbox.equals(r.mailbox())));
    }

    @Test
    void aChunkFailingOnceAndADroppedChunkAreResumedAndTheMessageSentOnce() throws Exception {
        String mailbox = "mona@" + T;
        route(mailbox, mailbox, RelayTestResource.CREDENTIAL, "GRAPH");
        RelayTestResource.sim().mail().faults().failNextUploadChunks(mailbox, 1, 503).dropNextUploadChunks(mailbox,
                1);
        byte[] large = random(5_000_000, 3);
        JsonPath done = awaitStatus(submit(mime(mailbox, "Chunk fails", "<chunk-fails@example.com>", new byte[10],
                large)), "SENT");
        assertEquals(1, done.getInt("attempts"), "resumed within the attempt");

        assertEquals(1, sent(mailbox, "Chunk fails").size());
        assertArrayEquals(large, attachments(delivered("bob@" + T, "Chunk fails")).get("large.zip"));
        assertEquals(0, RelayTestResource.sim().mail().faults().pendingUploadFaults(mailbox));
        assertTrue(RelayTestResource.sim().requestLog().records().stream()
                .anyMatch(r -> r.endpoint().equals("attachment.upload") && mailbox.equals(r.mailbox())
                        && r.status() == 503));
    }

    @Test
    void anAttemptRepeatedAfterTheDraftExistsDeletesItAndSendsOnce() throws Exception {
        String mailbox = "nina@" + T;
        SenderRoute route = new SenderRoute(UUID.randomUUID(), mailbox, RelayTestResource.CREDENTIAL, mailbox,
                Transport.GRAPH, Instant.now());
        byte[] large = random(4_000_000, 4);
        ClaimedMessage m = new ClaimedMessage(UUID.randomUUID(), mailbox, List.of("bob@" + T), "<retry@example.com>",
                mime(mailbox, "Retried draft", "<retry@example.com>", new byte[10], large), 1, Instant.now());
        // every try of the first chunk fails: the attempt gives up after the draft was created
        RelayTestResource.sim().mail().faults().failNextUploadChunks(mailbox, 4, 503);
        DeliveryException first = assertThrows(DeliveryException.class, () -> graph.deliver(route, m));
        assertFalse(first.permanent());
        assertEquals(1, tagged(mailbox, "drafts", m.id()).size(), "the crashed attempt's draft");

        String reply = graph.deliver(route, m);
        assertTrue(reply.startsWith("202"), reply);
        assertEquals(1, sent(mailbox, "Retried draft").size());
        assertTrue(tagged(mailbox, "drafts", m.id()).isEmpty(), "the leftover draft was deleted");
        assertEquals(1, tagged(mailbox, "sentitems", m.id()).size());

        // SENT was never recorded (a crash right after send): the next attempt finds it in Sent Items
        String again = graph.deliver(route, m);
        assertTrue(again.contains("earlier attempt"), again);
        assertEquals(1, sent(mailbox, "Retried draft").size(), "not sent twice");
        assertArrayEquals(large, attachments(delivered("bob@" + T, "Retried draft")).get("large.zip"));
    }

    @Test
    void aMessageOverTheMailboxSendSizeFailsWithWhatToDoAndLeavesNoDraft() {
        String mailbox = "olga@" + T;
        route(mailbox, mailbox, RelayTestResource.CREDENTIAL, "GRAPH");
        RelayTestResource.sim().mail().faults().maxMessageSize(mailbox, 2_000_000);
        String id = submit(mime(mailbox, "Too big", "<too-big@example.com>", new byte[10], random(4_000_000, 5)));
        JsonPath failed = awaitStatus(id, "FAILED");
        assertTrue(failed.getString("lastReply").startsWith("400 ErrorMessageSizeExceeded"),
                failed.getString("lastReply"));
        assertTrue(failed.getString("explanation").contains("MaxSendSize"), failed.getString("explanation"));
        assertTrue(sent(mailbox, "Too big").isEmpty());
        assertTrue(RelayTestResource.sim().mail().mailbox(mailbox).messages("drafts").isEmpty(), "no draft left");
    }

    @Test
    void overGraphsLimitOfOneHundredFiftyMegabytesFailsAtOnceWithAnExplanation() throws DeliveryException {
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> GraphDelivery.checkSize(157_286_401L, 157_286_400L));
        assertTrue(e.permanent());
        assertTrue(e.explanation().contains("at most 157286400 bytes (150 MB)"), e.explanation());
        GraphDelivery.checkSize(157_286_400L, 157_286_400L); // exactly the limit still goes
    }

    @Test
    void smallMailStillGoesThroughSendMail() {
        String mailbox = "paul@" + T;
        route(mailbox, mailbox, RelayTestResource.CREDENTIAL, "GRAPH");
        String id = submit(mime(mailbox, "Small enough", "<small@example.com>", new byte[10], random(2_000_000, 6)));
        JsonPath done = awaitStatus(id, "SENT");
        assertEquals("202 Accepted (Graph sendMail)", done.getString("lastReply"));
        assertEquals("mime", sent(mailbox, "Small enough").get(0).format());
    }
}
