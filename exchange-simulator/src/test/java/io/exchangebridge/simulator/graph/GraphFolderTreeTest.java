package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.store.MailboxStore;

/**
 * What a folder picker needs: Graph lists one level at a time ({@code /mailFolders}, then
 * {@code /mailFolders/{id}/childFolders} of each folder whose {@code childFolderCount} is above zero), in pages linked
 * by {@code @odata.nextLink}; hidden folders only with {@code includeHiddenFolders=true}.
 */
class GraphFolderTreeTest extends GraphServerTest {

    private static final String FOLDERS = "/users/" + ALICE + "/mailFolders";

    private MailboxStore seedTree() {
        MailboxStore alice = server.mail.mailbox(ALICE);
        alice.createFolder("inbox", "Support");
        alice.createFolder("Inbox/Support", "Escalated");
        alice.createFolder("Inbox/Support/Escalated", "2026");
        alice.createFolder("archive", "Invoices");
        alice.createFolder("inbox", "Hidden rules", true);
        return alice;
    }

    /** Every item of a collection, following nextLinks as they come (absolute URLs). */
    private List<JsonNode> all(String firstPage) {
        List<JsonNode> items = new ArrayList<>();
        String next = firstPage;
        while (next != null) {
            HttpResponse<String> response = server.get(next, token);
            assertThat(response.statusCode()).as(next).isEqualTo(200);
            JsonNode page = server.body(response);
            assertThat(page.get("value").size()).isLessThanOrEqualTo(2);
            page.get("value").forEach(items::add);
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return items;
    }

    private void walk(String parentPath, String url, String query, List<String> paths) {
        for (JsonNode folder : all(url + "?$top=2" + query)) {
            String path = parentPath + folder.get("displayName").asText();
            paths.add(path);
            if (folder.get("childFolderCount").asInt() > 0) {
                walk(path + "/", FOLDERS + "/" + folder.get("id").asText() + "/childFolders", query, paths);
            }
        }
    }

    @Test
    void pickerWalksTheWholeTreeInPagesOfTwo() {
        seedTree();
        List<String> paths = new ArrayList<>();

        walk("", FOLDERS, "", paths);

        assertThat(paths).containsExactly("Inbox", "Inbox/Support", "Inbox/Support/Escalated",
                "Inbox/Support/Escalated/2026", "Drafts", "Sent Items", "Deleted Items", "Archive",
                "Archive/Invoices", "Junk Email", "Outbox", "Conversation History");
        assertThat(server.log.count(r -> r.endpoint().equals("mailFolders.childFolders"))).isGreaterThan(3);
    }

    @Test
    void hiddenFoldersOnlyWithIncludeHiddenFolders() {
        seedTree();
        List<String> paths = new ArrayList<>();

        walk("", FOLDERS, "&includeHiddenFolders=true", paths);

        assertThat(paths).contains("Inbox/Hidden rules", "Inbox/Support/Escalated/2026")
                .doesNotContain("Deletions", "Top of Information Store");
        JsonNode hidden = server.body(server.get(FOLDERS + "/inbox/childFolders?includeHiddenFolders=true", token))
                .get("value").get(1);
        assertThat(hidden.get("displayName").asText()).isEqualTo("Hidden rules");
        assertThat(hidden.get("isHidden").asBoolean()).isTrue();
        assertThat(server.body(server.get(FOLDERS + "/inbox/childFolders", token)).get("value"))
                .extracting(f -> f.get("displayName").asText()).containsExactly("Support");
    }

    @Test
    void folderCarriesItsCountsAndParent() {
        MailboxStore alice = seedTree();
        alice.add("Inbox/Support").mime(SampleMime.plain("Ticket"));
        String support = alice.folder("Inbox/Support").orElseThrow().id();

        JsonNode folder = server.body(server.get(FOLDERS + "/" + support, token));

        assertThat(folder.get("childFolderCount").asInt()).isEqualTo(1);
        assertThat(folder.get("totalItemCount").asInt()).isEqualTo(1);
        assertThat(folder.get("unreadItemCount").asInt()).isEqualTo(1);
        assertThat(folder.get("parentFolderId").asText()).isEqualTo(alice.folder("inbox").orElseThrow().id());
        assertThat(folder.get("isHidden").asBoolean()).isFalse();
        // the hidden child counts: Graph's childFolderCount is not "what the default list shows"
        assertThat(server.body(server.get(FOLDERS + "/inbox", token)).get("childFolderCount").asInt()).isEqualTo(2);
    }

    @Test
    void nextLinkKeepsTheQueryAndStopsOnTheLastPage() {
        seedTree();

        JsonNode first = server.body(server.get(FOLDERS + "?$top=3&includeHiddenFolders=true", token));
        String next = first.get("@odata.nextLink").asText();

        assertThat(next).startsWith(server.graph() + FOLDERS + "?").contains("includeHiddenFolders=true",
                "$top=3", "$skip=3");
        JsonNode last = server.body(server.get(FOLDERS + "?$top=3&$skip=6", token));
        assertThat(last.get("value")).extracting(f -> f.get("displayName").asText()).containsExactly("Outbox",
                "Conversation History");
        assertThat(last.has("@odata.nextLink")).isFalse();
    }

    @Test
    void createsAHiddenFolderAndRefusesABadIncludeHiddenFolders() {
        HttpResponse<String> created = server.post(FOLDERS + "/inbox/childFolders", token,
                "{\"displayName\":\"Rules\",\"isHidden\":true}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(server.body(created).get("isHidden").asBoolean()).isTrue();

        HttpResponse<String> bad = server.get(FOLDERS + "?includeHiddenFolders=maybe", token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(server.body(bad).at("/error/code").asText()).isEqualTo("BadRequest");
    }
}
