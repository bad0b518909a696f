package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** Drafts over HTTP: create, read, change, find by extended property, small attachments, send, limits. */
class GraphDraftsTest extends GraphServerTest {

    static final String MESSAGES = "/users/" + ALICE + "/messages";
    static final String PROPERTY = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name RelayKey";
    static final String DRAFT = """
            {"subject":"Invoice 42","body":{"contentType":"Text","content":"Please find the invoice."},
             "toRecipients":[{"emailAddress":{"address":"bob@contoso.test","name":"Bob"}}],
             "bccRecipients":[{"emailAddress":{"address":"audit@fabrikam.test"}}],
             "internetMessageHeaders":[{"name":"X-Relay-Id","value":"r-42"}],
             "internetMessageId":"<invoice-42@erp.contoso.test>",
             "singleValueExtendedProperties":[{"id":"%s","value":"key-42"}]}
            """.formatted(PROPERTY);

    @BeforeEach
    void draftToken() {
        token = server.tokens.app("Mail.ReadWrite", "Mail.Send");
    }

    @Test
    void postCreatesADraftInDrafts() {
        HttpResponse<String> response = server.post(MESSAGES, token, DRAFT);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode draft = server.body(response);
        assertThat(draft.path("isDraft").asBoolean()).isTrue();
        assertThat(draft.path("subject").asText()).isEqualTo("Invoice 42");
        assertThat(draft.at("/bccRecipients/0/emailAddress/address").asText()).isEqualTo("audit@fabrikam.test");
        StoredMessage stored = server.mail.mailbox(ALICE).messages("drafts").getFirst();
        assertThat(stored.draft()).isTrue();
        assertThat(stored.extendedProperty(PROPERTY)).contains("key-42");
        assertThat(new String(stored.mime(), StandardCharsets.ISO_8859_1)).contains("X-Relay-Id: r-42");
        assertThat(server.mail.sent(ALICE)).isEmpty();
        JsonNode again = server.body(server.get(MESSAGES + "/" + draft.path("id").asText(), token));
        assertThat(again.path("isDraft").asBoolean()).isTrue();
    }

    @Test
    void aDraftIsFoundAgainByItsExtendedProperty() {
        server.post(MESSAGES, token, DRAFT);
        server.post(MESSAGES, token, DRAFT.replace("key-42", "key-43").replace("Invoice 42", "Invoice 43"));
        String filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + PROPERTY + "' and ep/value eq 'key-43')";
        String expand = "singleValueExtendedProperties($filter=id eq '" + PROPERTY + "')";

        JsonNode page = server.body(server.get("/users/" + ALICE + "/mailFolders/drafts/messages?$filter="
                + encode(filter) + "&$expand=" + encode(expand), token));

        assertThat(page.path("value")).hasSize(1);
        JsonNode found = page.path("value").get(0);
        assertThat(found.path("subject").asText()).isEqualTo("Invoice 43");
        assertThat(found.at("/singleValueExtendedProperties/0/id").asText()).isEqualTo(PROPERTY);
        assertThat(found.at("/singleValueExtendedProperties/0/value").asText()).isEqualTo("key-43");
        JsonNode plain = server.body(server.get("/users/" + ALICE + "/mailFolders/drafts/messages", token));
        assertThat(plain.path("value").get(0).has("singleValueExtendedProperties")).isFalse();
    }

    @Test
    void patchChangesTheDraftAndItsMime() {
        String id = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();

        HttpResponse<String> response = server.patch(MESSAGES + "/" + id, token,
                "{\"subject\":\"Invoice 42 (corrected)\",\"ccRecipients\":[{\"emailAddress\":{\"address\":"
                        + "\"carol@contoso.test\"}}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.body(response).path("subject").asText()).isEqualTo("Invoice 42 (corrected)");
        String mime = server.get(MESSAGES + "/" + id + "/$value", token).body();
        assertThat(mime).contains("Subject: Invoice 42 (corrected)").contains("Cc: carol@contoso.test")
                .contains("X-Relay-Id: r-42");
        assertThat(server.patch("/users/" + ALICE + "/messages/" + sentItemId(), token, "{\"subject\":\"x\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void sendDeliversTheDraftAndMovesItToSentItems() {
        String id = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();
        server.post(MESSAGES + "/" + id + "/attachments", token, attachment("note.txt", "hello\r\nworld".getBytes(
                StandardCharsets.US_ASCII)));

        HttpResponse<String> response = server.post(MESSAGES + "/" + id + "/send", token, "");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        SentMail sent = server.mail.sent(ALICE).getFirst();
        assertThat(sent.format()).isEqualTo("draft");
        assertThat(sent.recipients()).containsExactly("bob@contoso.test", "audit@fabrikam.test");
        assertThat(server.mail.mailbox(ALICE).messages("drafts")).isEmpty();
        StoredMessage copy = server.mail.mailbox(ALICE).messages("sentitems").getFirst();
        assertThat(copy.draft()).isFalse();
        assertThat(copy.extendedProperty(PROPERTY)).contains("key-42");
        assertThat(copy.mime()).isEqualTo(sent.mime());
        StoredMessage received = server.mail.mailbox(BOB).messages("inbox").getFirst();
        assertThat(received.summary().subject()).isEqualTo("Invoice 42");
        assertThat(received.summary().internetMessageId()).as("the draft's own Message-ID")
                .contains("<invoice-42@erp.contoso.test>");
        assertThat(new String(received.mime(), StandardCharsets.ISO_8859_1)).doesNotContain("audit@fabrikam.test")
                .contains("aGVsbG8NCndvcmxk");
        assertThat(server.post(MESSAGES + "/" + id + "/send", token, "").statusCode()).isEqualTo(404);
    }

    @Test
    void attachmentsOfADraftAreListedReadAndDeleted() {
        String id = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff, 1, 2};

        HttpResponse<String> added = server.post(MESSAGES + "/" + id + "/attachments", token, attachment("a.pdf",
                pdf));

        assertThat(added.statusCode()).isEqualTo(201);
        String attachmentId = server.body(added).path("id").asText();
        assertThat(server.body(added).path("size").asInt()).isEqualTo(pdf.length);
        JsonNode list = server.body(server.get(MESSAGES + "/" + id + "/attachments", token));
        assertThat(list.path("value")).hasSize(1);
        JsonNode one = server.body(server.get(MESSAGES + "/" + id + "/attachments/" + attachmentId, token));
        assertThat(Base64.getDecoder().decode(one.path("contentBytes").asText())).isEqualTo(pdf);
        assertThat(server.body(server.get(MESSAGES + "/" + id, token)).path("hasAttachments").asBoolean()).isTrue();
        assertThat(server.delete(MESSAGES + "/" + id + "/attachments/" + attachmentId, token).statusCode())
                .isEqualTo(204);
        assertThat(server.body(server.get(MESSAGES + "/" + id + "/attachments", token)).path("value")).isEmpty();
    }

    @Test
    void attachmentsOfThreeMegabytesDoNotFitARequest() {
        String id = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();

        HttpResponse<String> response = server.post(MESSAGES + "/" + id + "/attachments", token,
                attachment("big.bin", new byte[3 * 1024 * 1024]));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.body(response).at("/error/message").asText()).contains("4MB");
        assertThat(server.body(server.get(MESSAGES + "/" + id + "/attachments", token)).path("value")).isEmpty();
    }

    @Test
    void requestBodiesOverFourMegabytesAreRefused() {
        String big = DRAFT.replace("Please find the invoice.", "x".repeat(4 * 1024 * 1024 + 1));

        HttpResponse<String> response = server.post(MESSAGES, token, big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(server.body(response).at("/error/message").asText()).contains("4MB");
        assertThat(server.mail.mailbox(ALICE).messages("drafts")).isEmpty();
    }

    @Test
    void draftsNeedMailReadWriteAndSendingNeedsMailSend() {
        String sendOnly = server.tokens.app("Mail.Send");
        assertThat(server.post(MESSAGES, sendOnly, DRAFT).statusCode()).isEqualTo(403);
        String id = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();
        String writeOnly = server.tokens.app("Mail.ReadWrite");

        HttpResponse<String> response = server.post(MESSAGES + "/" + id + "/send", writeOnly, "");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(server.mail.sent(ALICE)).isEmpty();
    }

    @Test
    void meAndAFolderOfTheUrlTakeDraftsToo() {
        String delegated = server.tokens.delegated(ALICE, "Mail.ReadWrite", "Mail.Send");
        String folder = server.mail.mailbox(ALICE).createFolder("inbox", "Outgoing").id();

        HttpResponse<String> mine = server.post("/me/messages", delegated, DRAFT);
        HttpResponse<String> inFolder = server.post("/me/mailFolders/" + folder + "/messages", delegated, DRAFT);

        assertThat(mine.statusCode()).isEqualTo(201);
        assertThat(inFolder.statusCode()).isEqualTo(201);
        assertThat(server.body(inFolder).path("parentFolderId").asText()).isEqualTo(folder);
        assertThat(server.mail.mailbox(ALICE).messages("drafts")).hasSize(1);
        String id = server.body(inFolder).path("id").asText();
        assertThat(server.post("/me/messages/" + id + "/send", delegated, "").statusCode()).isEqualTo(202);
        assertThat(server.mail.mailbox(ALICE).messages("Inbox/Outgoing")).isEmpty();
        assertThat(server.log.records()).anyMatch(r -> r.endpoint().equals("message.create"))
                .anyMatch(r -> r.endpoint().equals("message.send") && r.status() == 202);
    }

    @Test
    void deletingADraftRemovesIt() {
        String id = server.body(server.post(MESSAGES, token, DRAFT)).path("id").asText();

        assertThat(server.delete(MESSAGES + "/" + id, token).statusCode()).isEqualTo(204);

        assertThat(server.mail.mailbox(ALICE).messages("drafts")).isEmpty();
        assertThat(server.mail.drafts().draft(ALICE, id)).isEmpty();
    }

    private String sentItemId() {
        return server.mail.mailbox(ALICE).add("sentitems").mime("Subject: sent\r\n\r\nbody\r\n").restId();
    }

    static String attachment(String name, byte[] bytes) {
        return "{\"@odata.type\":\"#microsoft.graph.fileAttachment\",\"name\":\"" + name
                + "\",\"contentType\":\"application/octet-stream\",\"contentBytes\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
