package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphDraftsTest.DRAFT;
import static io.exchangebridge.simulator.graph.GraphDraftsTest.MESSAGES;
import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.SentMail;

/** Attachment upload sessions over HTTP: chunk rules, faults, throttling, and a 25 MB message delivered intact. */
class GraphUploadSessionTest extends GraphServerTest {

    private static final int CHUNK = 4 * 1024 * 1024;

    private String draftId;

    @BeforeEach
    void draft() {
        token = server.tokens.app("Mail.ReadWrite", "Mail.Send");
        draftId = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();
    }

    @Test
    void aTwentyFiveMegabyteMessageIsUploadedInChunksAndDeliveredByteFaithfully() throws Exception {
        server.mail.faults().maxMessageSize(ALICE, 150L * 1024 * 1024); // as an admin raises MaxSendSize for 25 MB
        byte[] file = random(25_000_000);
        JsonNode session = createSession("invoices.zip", file.length);
        assertThat(session.path("nextExpectedRanges").get(0).asText()).isEqualTo("0");
        assertThat(session.path("expirationDateTime").asText()).isNotBlank();
        String url = session.path("uploadUrl").asText();
        assertThat(url).contains("/api/v2.0/").contains("AttachmentSessions(").contains("authtoken=");

        HttpResponse<String> last = null;
        for (int from = 0; from < file.length; from += CHUNK) {
            int to = Math.min(from + CHUNK, file.length) - 1;
            last = put(url, Arrays.copyOfRange(file, from, to + 1), from, to, file.length);
            if (to < file.length - 1) {
                assertThat(last.statusCode()).isEqualTo(200);
                assertThat(server.body(last).path("nextExpectedRanges").get(0).asText()).isEqualTo(
                        Integer.toString(to + 1));
            }
        }
        assertThat(last.statusCode()).isEqualTo(201);
        assertThat(last.headers().firstValue("Location").orElseThrow()).contains("/Attachments('");
        JsonNode attachments = server.body(server.get(MESSAGES + "/" + draftId + "/attachments?$select=name,size",
                token));
        assertThat(attachments.at("/value/0").has("contentBytes")).isFalse();
        assertThat(attachments.at("/value/0/size").asLong()).isEqualTo(file.length);
        assertThat(attachments.at("/value/0/name").asText()).isEqualTo("invoices.zip");

        assertThat(server.post(MESSAGES + "/" + draftId + "/send", token, "").statusCode()).isEqualTo(202);

        SentMail sent = server.mail.sent(ALICE).getFirst();
        byte[] received = server.mail.mailbox(BOB).messages("inbox").getFirst().mime();
        assertThat(received).isEqualTo(SendMailOperation.withoutBcc(sent.mime()));
        assertThat(attachmentOf(received, "invoices.zip")).isEqualTo(file);
        assertThat(server.mail.mailbox(ALICE).messages("sentitems").getFirst().mime()).isEqualTo(sent.mime());
    }

    @Test
    void chunksMustComeInOrderWithoutOverlapsGapsOrAnotherTotal() {
        byte[] file = random(CHUNK + 2000);
        String url = createSession("report.pdf", file.length).path("uploadUrl").asText();
        assertThat(put(url, Arrays.copyOfRange(file, 0, 1000), 0, 999, file.length).statusCode()).isEqualTo(200);

        HttpResponse<String> gap = put(url, Arrays.copyOfRange(file, 2000, 3000), 2000, 2999, file.length);
        HttpResponse<String> overlap = put(url, Arrays.copyOfRange(file, 500, 1500), 500, 1499, file.length);
        HttpResponse<String> total = put(url, Arrays.copyOfRange(file, 1000, 2000), 1000, 1999, file.length + 1);
        HttpResponse<String> tooBig = put(url, Arrays.copyOfRange(file, 1000, 1001 + CHUNK), 1000, 1000 + CHUNK,
                file.length);
        HttpResponse<String> noRange = server.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(BodyPublishers.ofByteArray(new byte[10])).build());

        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(server.body(gap).at("/error/message").asText()).contains("starts at 1000");
        assertThat(overlap.statusCode()).isEqualTo(416);
        assertThat(server.body(overlap).at("/error/message").asText()).contains("overlaps");
        assertThat(total.statusCode()).isEqualTo(400);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(noRange.statusCode()).isEqualTo(400);
        assertThat(put(url, Arrays.copyOfRange(file, 1000, 2000), 1000, 1999, file.length).statusCode())
                .isEqualTo(200);
        HttpResponse<String> last = put(url, Arrays.copyOfRange(file, 2000, file.length), 2000, file.length - 1,
                file.length);
        assertThat(last.statusCode()).isEqualTo(201);
    }

    @Test
    void aFailingChunkIsRetriedAndTheUploadCompletes() {
        byte[] file = random(3 * 1024 * 1024 + 10);
        String url = createSession("scan.tif", file.length).path("uploadUrl").asText();
        server.mail.faults().failNextUploadChunks(ALICE, 1, 503).dropNextUploadChunks(ALICE, 1);
        byte[] first = Arrays.copyOfRange(file, 0, 2 * 1024 * 1024);

        HttpResponse<String> failed = put(url, first, 0, first.length - 1, file.length);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(server.body(failed).at("/error/code").asText()).isEqualTo("ServiceUnavailable");
        assertThatThrownBy(() -> put(url, first, 0, first.length - 1, file.length))
                .isInstanceOf(UncheckedIOException.class);
        HttpResponse<String> retried = put(url, first, 0, first.length - 1, file.length);
        assertThat(retried.statusCode()).isEqualTo(200);
        HttpResponse<String> rest = put(url, Arrays.copyOfRange(file, first.length, file.length), first.length,
                file.length - 1, file.length);

        assertThat(rest.statusCode()).isEqualTo(201);
        JsonNode attachment = server.body(server.get(MESSAGES + "/" + draftId + "/attachments", token)).at("/value/0");
        assertThat(Base64.getDecoder().decode(attachment.path("contentBytes").asText())).isEqualTo(file);
        assertThat(server.mail.faults().pendingUploadFaults(ALICE)).isZero();
        assertThat(server.log.records()).anyMatch(r -> r.endpoint().equals("attachment.upload")
                && r.detail().equals("dropped"));
    }

    @Test
    void aCancelledOrExpiredSessionIsGoneAndTheUrlNeedsItsToken() {
        String url = createSession("a.bin", 10).path("uploadUrl").asText();
        String wrongToken = url.substring(0, url.indexOf("authtoken=") + 10) + "forged";
        assertThat(put(wrongToken, new byte[10], 0, 9, 10).statusCode()).isEqualTo(401);

        assertThat(server.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build()).statusCode())
                .isEqualTo(204);

        assertThat(put(url, new byte[10], 0, 9, 10).statusCode()).isEqualTo(404);
        String expiring = createSession("b.bin", 10).path("uploadUrl").asText();
        server.clock.advance(Duration.ofMinutes(16));
        assertThat(put(expiring, new byte[10], 0, 9, 10).statusCode()).isEqualTo(404);
    }

    @Test
    void attachmentsOverOneHundredFiftyMegabytesAreRefused() {
        HttpResponse<String> response = server.post(MESSAGES + "/" + draftId + "/attachments/createUploadSession",
                token, "{\"AttachmentItem\":{\"attachmentType\":\"file\",\"name\":\"huge.iso\",\"size\":"
                        + (150L * 1024 * 1024 + 1) + "}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("ErrorAttachmentSizeLimitExceeded");
    }

    @Test
    void aMessageOverTheMailboxLimitIsRefusedAtSend() {
        server.mail.faults().maxMessageSize(ALICE, 1024 * 1024);
        byte[] file = random(2 * 1024 * 1024);
        String url = createSession("large.bin", file.length).path("uploadUrl").asText();
        assertThat(put(url, file, 0, file.length - 1, file.length).statusCode()).isEqualTo(201);

        HttpResponse<String> response = server.post(MESSAGES + "/" + draftId + "/send", token, "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("ErrorMessageSizeExceeded");
        assertThat(server.mail.mailbox(ALICE).messages("drafts")).hasSize(1);
        assertThat(server.mail.sent(ALICE)).isEmpty();
    }

    @Test
    void uploadedChunksCountAgainstTheUploadThrottle() {
        server.mail.throttle().limits(new Throttle.Limits(4, 10_000, Duration.ofMinutes(10), 1024 * 1024,
                Duration.ofMinutes(5)));
        byte[] file = random(1_200_000);
        String url = createSession("c.bin", file.length).path("uploadUrl").asText();
        assertThat(put(url, Arrays.copyOfRange(file, 0, 600_000), 0, 599_999, file.length).statusCode())
                .isEqualTo(200);

        HttpResponse<String> throttled = put(url, Arrays.copyOfRange(file, 600_000, file.length), 600_000,
                file.length - 1, file.length);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        server.clock.advance(Duration.ofMinutes(5));
        assertThat(put(url, Arrays.copyOfRange(file, 600_000, file.length), 600_000, file.length - 1, file.length)
                .statusCode()).isEqualTo(201);
    }

    private JsonNode createSession(String name, long size) {
        HttpResponse<String> response = server.post(MESSAGES + "/" + draftId + "/attachments/createUploadSession",
                token, "{\"AttachmentItem\":{\"attachmentType\":\"file\",\"name\":\"" + name + "\",\"size\":" + size
                        + "}}");
        assertThat(response.statusCode()).isEqualTo(201);
        return server.body(response);
    }

    /** A chunk as Microsoft's sample sends it: Content-Range and Content-Length, no Authorization header. */
    private HttpResponse<String> put(String url, byte[] chunk, long from, long to, long total) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes " + from + "-" + to + "/" + total)
                .PUT(BodyPublishers.ofByteArray(chunk)).build();
        try {
            return server.http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static byte[] attachmentOf(byte[] mime, String fileName) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (fileName.equals(part.getFileName())) {
                try (InputStream in = part.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("no attachment " + fileName);
    }
}
