package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.StoredMessage;

class GraphMessagesTest extends GraphServerTest {

    private void seed(int count) {
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            server.mail.mailbox(ALICE).add("inbox").receivedAt(base.plusSeconds(3600L * i)).read(i % 2 == 0)
                    .mime(SampleMime.plain("Message " + i));
        }
    }

    @Test
    void messageJsonIsDerivedFromTheMime() {
        StoredMessage stored = server.mail.mailbox(ALICE).add("inbox")
                .receivedAt(Instant.parse("2026-11-03T10:16:00Z")).mime(SampleMime.plain("Invoice 42"));

        HttpResponse<String> response = server.get("/users/" + ALICE + "/messages/" + stored.restId(), token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode m = server.body(response);
        assertThat(m.get("id").asText()).isEqualTo(stored.restId());
        assertThat(m.get("subject").asText()).isEqualTo("Invoice 42");
        assertThat(m.at("/from/emailAddress/address").asText()).isEqualTo("carol@fabrikam.test");
        assertThat(m.at("/from/emailAddress/name").asText()).isEqualTo("Carol Sender");
        assertThat(m.at("/toRecipients/0/emailAddress/address").asText()).isEqualTo("alice@contoso.test");
        assertThat(m.at("/ccRecipients/0/emailAddress/address").asText()).isEqualTo("dave@contoso.test");
        assertThat(m.at("/replyTo/0/emailAddress/address").asText()).isEqualTo("replies@fabrikam.test");
        assertThat(m.get("receivedDateTime").asText()).isEqualTo("2026-11-03T10:16:00Z");
        assertThat(m.get("sentDateTime").asText()).isEqualTo("2026-11-03T10:15:00Z");
        assertThat(m.get("internetMessageId").asText()).isEqualTo("<Invoice-42@fabrikam.test>");
        assertThat(m.get("hasAttachments").asBoolean()).isFalse();
        assertThat(m.get("isRead").asBoolean()).isFalse();
        assertThat(m.get("importance").asText()).isEqualTo("normal");
        assertThat(m.get("bodyPreview").asText()).isEqualTo("Hello Alice, the invoice is attached.");
        assertThat(m.at("/body/contentType").asText()).isEqualTo("text");
        assertThat(m.get("parentFolderId").asText()).isEqualTo(server.mail.mailbox(ALICE).folder("inbox")
                .orElseThrow().id());
        assertThat(m.get("conversationId").asText()).startsWith("AAQk");
        assertThat(response.headers().firstValue("request-id")).isPresent();
    }

    @Test
    void encodedHeadersAttachmentsAndHtmlBodies() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(
                SampleMime.withAttachment().getBytes(StandardCharsets.ISO_8859_1));

        JsonNode m = server.body(server.get("/users/" + ALICE + "/messages/" + stored.restId(), token));

        assertThat(m.get("subject").asText()).isEqualTo("Rechnung für März");
        assertThat(m.at("/from/emailAddress/name").asText()).isEqualTo("Jürgen");
        assertThat(m.get("hasAttachments").asBoolean()).isTrue();
        assertThat(m.get("importance").asText()).isEqualTo("high");
        assertThat(m.at("/body/contentType").asText()).isEqualTo("html");
        assertThat(m.at("/body/content").asText()).contains("Grüße");
        assertThat(m.get("bodyPreview").asText()).isEqualTo("Grüße");
    }

    @Test
    void missingMessageIdGetsOneAssignedInTheJsonOnly() {
        byte[] mime = "From: x@fabrikam.test\r\nSubject: No id\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(mime);

        JsonNode m = server.body(server.get("/users/" + ALICE + "/messages/" + stored.restId(), token));

        assertThat(m.get("internetMessageId").asText()).matches("<[0-9a-f]{32}@contoso\\.test>");
        assertThat(server.mail.mailbox(ALICE).message(stored.restId()).orElseThrow().mime()).isEqualTo(mime);
    }

    @Test
    void valueIsTheMimeByteExact() throws Exception {
        byte[] mime = SampleMime.withAttachment().getBytes(StandardCharsets.ISO_8859_1);
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(mime);

        HttpResponse<byte[]> response = server.http.send(server.request(
                "/users/" + ALICE + "/messages/" + stored.restId() + "/$value", token).GET().build(),
                BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo(mime);
    }

    @Test
    void sizeIsAnExtendedPropertyWhenExpanded() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("Sized").getBytes(
                StandardCharsets.US_ASCII));

        JsonNode m = server.body(server.get("/users/" + ALICE + "/messages/" + stored.restId()
                + "?$expand=singleValueExtendedProperties($filter=id%20eq%20'Long%200x0E08')", token));
        JsonNode plain = server.body(server.get("/users/" + ALICE + "/messages/" + stored.restId(), token));

        assertThat(m.at("/singleValueExtendedProperties/0/value").asText()).isEqualTo(Long.toString(stored.size()));
        assertThat(plain.has("singleValueExtendedProperties")).isFalse();
    }

    @Test
    void listPagesWithAbsoluteNextLinksKeepingTheQuery() {
        seed(25);
        List<String> subjects = new ArrayList<>();
        String url = "/users/" + ALICE + "/mailFolders/inbox/messages?$top=10&$select=subject,isRead"
                + "&$orderby=receivedDateTime%20asc";
        int pages = 0;
        while (url != null) {
            JsonNode page = server.body(server.get(url, token));
            page.get("value").forEach(m -> subjects.add(m.get("subject").asText()));
            page.get("value").forEach(m -> assertThat(m.has("from")).isFalse());
            url = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
            if (url != null) {
                assertThat(url).startsWith(server.graph() + "/users/").contains("$skip=").contains("$select=");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(subjects).hasSize(25).startsWith("Message 0", "Message 1").endsWith("Message 24");
    }

    @Test
    void defaultOrderIsNewestFirstWithTenPerPage() {
        seed(12);

        JsonNode page = server.body(server.get("/users/" + ALICE + "/mailFolders/Inbox/messages", token));

        assertThat(page.get("value")).hasSize(10);
        assertThat(page.at("/value/0/subject").asText()).isEqualTo("Message 11");
        assertThat(page.get("@odata.nextLink").asText()).contains("$skip=10");
    }

    @Test
    void filtersOnIsReadAndReceivedDateTimeCombined() {
        seed(10);

        JsonNode page = server.body(server.get("/users/" + ALICE + "/mailFolders/inbox/messages?$filter="
                + "isRead%20eq%20false%20and%20receivedDateTime%20ge%202026-11-01T03:00:00Z%20and%20"
                + "receivedDateTime%20lt%202026-11-01T08:00:00Z&$orderby=receivedDateTime%20desc", token));

        List<String> subjects = new ArrayList<>();
        page.get("value").forEach(m -> subjects.add(m.get("subject").asText()));
        assertThat(subjects).containsExactly("Message 7", "Message 5", "Message 3");
    }

    @Test
    void skipAndTopSelectAWindow() {
        seed(6);

        JsonNode page = server.body(server.get("/users/" + ALICE
                + "/mailFolders/inbox/messages?$orderby=receivedDateTime&$top=2&$skip=3", token));

        assertThat(page.get("value")).extracting(m -> m.get("subject").asText()).containsExactly("Message 3",
                "Message 4");
    }

    @Test
    void unknownSelectPropertyIsRefused() {
        HttpResponse<String> response = server.get("/users/" + ALICE + "/messages?$select=nonsense", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.body(response).at("/error/code").asText()).isEqualTo("RequestBroker--ParseUri");
    }

    @Test
    void countAndCaseInsensitivePropertyNames() {
        seed(3);

        JsonNode page = server.body(server.get("/users/" + ALICE
                + "/mailFolders/inbox/messages?$count=true&$top=1&$select=Subject&$orderby=ReceivedDateTime%20asc"
                + "&$filter=IsRead%20eq%20true", token));

        assertThat(page.get("@odata.count").asInt()).isEqualTo(2);
        assertThat(page.at("/value/0/subject").asText()).isEqualTo("Message 0");
    }

    @Test
    void htmlBodiesAsTextWhenPreferred() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(
                SampleMime.withAttachment().getBytes(StandardCharsets.ISO_8859_1));

        HttpResponse<String> response = server.get("/users/" + ALICE + "/messages/" + stored.restId(), token,
                "Prefer", "outlook.body-content-type=\"text\"");

        JsonNode body = server.body(response).get("body");
        assertThat(body.get("contentType").asText()).isEqualTo("text");
        assertThat(body.get("content").asText()).isEqualTo("Grüße");
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue("outlook.body-content-type=\"text\"");
    }

    @Test
    void patchMarksRead() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("Unread").getBytes(
                StandardCharsets.US_ASCII));

        HttpResponse<String> response = server.patch("/users/" + ALICE + "/messages/" + stored.restId(), token,
                "{\"isRead\":true}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.body(response).get("isRead").asBoolean()).isTrue();
        assertThat(server.mail.mailbox(ALICE).message(stored.restId()).orElseThrow().read()).isTrue();
    }

    @Test
    void deleteRemovesTheMessageFromEveryListing() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("Gone").getBytes(
                StandardCharsets.US_ASCII));

        assertThat(server.delete("/users/" + ALICE + "/messages/" + stored.restId(), token).statusCode())
                .isEqualTo(204);

        assertThat(server.get("/users/" + ALICE + "/messages/" + stored.restId(), token).statusCode()).isEqualTo(404);
        assertThat(server.body(server.get("/users/" + ALICE + "/messages", token)).get("value")).isEmpty();
    }

    @Test
    void moveChangesTheRestIdAndAnswers201() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("Move me").getBytes(
                StandardCharsets.US_ASCII));

        HttpResponse<String> response = server.post("/users/" + ALICE + "/messages/" + stored.restId() + "/move",
                token, "{\"destinationId\":\"archive\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode moved = server.body(response);
        assertThat(moved.get("id").asText()).isNotEqualTo(stored.restId());
        assertThat(moved.get("parentFolderId").asText())
                .isEqualTo(server.mail.mailbox(ALICE).folder("archive").orElseThrow().id());
        assertThat(server.get("/users/" + ALICE + "/messages/" + stored.restId(), token).statusCode()).isEqualTo(404);
        assertThat(server.get("/users/" + ALICE + "/messages/" + moved.get("id").asText(), token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void immutableIdsSurviveMovesAndAreCaseSensitive() {
        server.mail.mailbox(ALICE).deliver(SampleMime.plain("Keep my id").getBytes(StandardCharsets.US_ASCII));
        String prefer = "IdType=\"ImmutableId\"";
        JsonNode listed = server.body(server.get("/users/" + ALICE + "/mailFolders/inbox/messages", token, "Prefer",
                prefer));
        String id = listed.at("/value/0/id").asText();

        HttpResponse<String> response = server.post("/users/" + ALICE + "/messages/" + id + "/move", token,
                "{\"destinationId\":\"archive\"}", "Prefer", prefer);

        assertThat(server.body(response).get("id").asText()).isEqualTo(id);
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue(prefer);
        assertThat(server.get("/users/" + ALICE + "/messages/" + id, token, "Prefer", prefer).statusCode())
                .isEqualTo(200);
        // same id with one letter in another case: a different (unknown) id
        String otherCase = id.substring(0, 2) + Character.toUpperCase(id.charAt(2)) + id.substring(3);
        assertThat(otherCase).isNotEqualTo(id);
        assertThat(server.get("/users/" + ALICE + "/messages/" + otherCase, token).statusCode()).isEqualTo(404);
    }

    @Test
    void wellKnownFoldersChildFoldersAndCreate() {
        JsonNode top = server.body(server.get("/users/" + ALICE + "/mailFolders", token));
        assertThat(top.get("value")).extracting(f -> f.get("displayName").asText()).contains("Inbox", "Sent Items",
                "Deleted Items", "Archive", "Junk Email", "Drafts");

        HttpResponse<String> created = server.post("/users/" + ALICE + "/mailFolders/inbox/childFolders", token,
                "{\"displayName\":\"Processed\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = server.body(created).get("id").asText();

        JsonNode children = server.body(server.get("/users/" + ALICE + "/mailFolders/inbox/childFolders", token));
        assertThat(children.get("value")).extracting(f -> f.get("id").asText()).containsExactly(id);
        JsonNode inbox = server.body(server.get("/users/" + ALICE + "/mailFolders/INBOX", token));
        assertThat(inbox.get("childFolderCount").asInt()).isEqualTo(1);
        assertThat(server.body(server.get("/users/" + ALICE + "/mailFolders/" + id, token)).get("displayName")
                .asText()).isEqualTo("Processed");
        HttpResponse<String> duplicate = server.post("/users/" + ALICE + "/mailFolders/inbox/childFolders", token,
                "{\"displayName\":\"processed\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(server.body(duplicate).at("/error/code").asText()).isEqualTo("ErrorFolderExists");
        HttpResponse<String> topLevel = server.post("/users/" + ALICE + "/mailFolders", token,
                "{\"displayName\":\"Projects\"}");
        assertThat(topLevel.statusCode()).isEqualTo(201);
        assertThat(server.mail.mailbox(ALICE).folder("Projects")).isPresent();
    }

    @Test
    void requestsAreLoggedWithStableEndpointNames() {
        StoredMessage stored = server.mail.mailbox(ALICE).deliver(SampleMime.plain("Logged").getBytes(
                StandardCharsets.US_ASCII));

        server.get("/users/" + ALICE + "/mailFolders/inbox/messages", token);
        server.get("/users/" + ALICE + "/messages/" + stored.restId() + "/$value", token);

        assertThat(server.log.count("graph", "messages.list")).isEqualTo(1);
        assertThat(server.log.count("graph", "message.value")).isEqualTo(1);
        assertThat(server.log.records()).allSatisfy(r -> {
            assertThat(r.appId()).isEqualTo(TestTokens.APP);
            assertThat(r.mailbox()).isEqualTo(ALICE);
            assertThat(r.status()).isEqualTo(200);
        });
    }
}
