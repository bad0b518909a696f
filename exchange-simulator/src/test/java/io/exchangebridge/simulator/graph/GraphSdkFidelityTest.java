package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.MailFolder;
import com.microsoft.graph.models.MailFolderCollectionResponse;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.MessageCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.mailfolders.item.messages.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.messages.item.move.MovePostRequestBody;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;

import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * Microsoft Graph Java SDK v6, unmodified, against the simulator over HTTPS, with tokens MSAL4J acquires from the
 * simulator's Entra ID (client credentials): only base URL, authority and trust store differ from production. One
 * simulator and client per class (these tests do not change the directory); mail, faults and the log are reset per
 * test.
 */
@TestInstance(Lifecycle.PER_CLASS)
class GraphSdkFidelityTest {

    private SimulatorGraph graph;
    private GraphServiceClient client;
    private GraphSdkClients clients;

    @BeforeEach
    void clean() {
        graph.mail().reset();
        graph.sim.requestLog().clear();
    }

    @BeforeAll
    void start() throws Exception {
        graph = new SimulatorGraph();
        clients = new GraphSdkClients(graph);
        client = clients.application();
    }

    /** A client signed in as Alice with these delegated scopes (the token minted by the simulator's issuer). */
    private GraphServiceClient delegatedClient(String... scopes) {
        return clients.delegated(ALICE, scopes);
    }

    @Test
    void walksTheFolderTreeWithThePageIteratorAndChildFolders() throws Exception {
        graph.mail().mailbox(ALICE).createFolder("inbox", "Support");
        graph.mail().mailbox(ALICE).createFolder("Inbox/Support", "Escalated");
        graph.mail().mailbox(ALICE).createFolder("inbox", "Rules", true);
        List<String> paths = new ArrayList<>();

        walk(client.users().byUserId(ALICE).mailFolders().get(rc -> {
            rc.queryParameters.top = 2;
            rc.queryParameters.includeHiddenFolders = "true";
        }), "", paths);

        assertThat(paths).contains("Inbox", "Inbox/Support", "Inbox/Support/Escalated", "Inbox/Rules", "Archive",
                "Conversation History");
        assertThat(graph.sim.requestLog().count("graph", "mailFolders.list")).isGreaterThan(1);
    }

    private void walk(MailFolderCollectionResponse first, String prefix, List<String> paths) throws Exception {
        List<MailFolder> folders = new ArrayList<>();
        PageIterator<MailFolder, MailFolderCollectionResponse> pages = new PageIterator.Builder<MailFolder, MailFolderCollectionResponse>()
                .client(client).collectionPage(first)
                .collectionPageFactory(MailFolderCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(folders::add).build();
        pages.iterate();
        for (MailFolder folder : folders) {
            String path = prefix + folder.getDisplayName();
            paths.add(path);
            if (folder.getChildFolderCount() > 0) {
                walk(client.users().byUserId(ALICE).mailFolders().byMailFolderId(folder.getId()).childFolders()
                        .get(rc -> {
                            rc.queryParameters.top = 2;
                            rc.queryParameters.includeHiddenFolders = "true";
                        }), path + "/", paths);
            }
        }
    }

    @Test
    void delegatedClientNeedsTheSharedPermissionForAnotherMailbox() {
        GraphServiceClient plain = delegatedClient("Mail.ReadWrite");
        GraphServiceClient shared = delegatedClient("Mail.ReadWrite.Shared");

        assertThat(plain.me().mailFolders().get().getValue()).isNotEmpty();
        assertThatThrownBy(() -> plain.users().byUserId(SimulatorGraph.SHARED).mailFolders().get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(403);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorAccessDenied");
                    assertThat(e.getError().getMessage()).isEqualTo(
                            "Access is denied. Check credentials and try again.");
                });
        assertThat(shared.users().byUserId(SimulatorGraph.SHARED).mailFolders().get().getValue()).isNotEmpty();
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    private void seed(int count) {
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            graph.mail().mailbox(ALICE).add("inbox").receivedAt(base.plusSeconds(60L * i))
                    .mime(SampleMime.plain("SDK " + i));
        }
    }

    @Test
    void pageIteratorFollowsNextLinksAcrossPages() throws Exception {
        seed(7);
        MessageCollectionResponse first = client.users().byUserId(ALICE).mailFolders().byMailFolderId("inbox")
                .messages().get(rc -> {
                    rc.queryParameters.top = 3;
                    rc.queryParameters.select = new String[]{"subject", "receivedDateTime"};
                    rc.queryParameters.orderby = new String[]{"receivedDateTime asc"};
                });
        List<String> subjects = new ArrayList<>();

        new PageIterator.Builder<Message, MessageCollectionResponse>().client(client).collectionPage(first)
                .collectionPageFactory(MessageCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(m -> subjects.add(m.getSubject())).build().iterate();

        assertThat(subjects).containsExactly("SDK 0", "SDK 1", "SDK 2", "SDK 3", "SDK 4", "SDK 5", "SDK 6");
        assertThat(graph.sim.requestLog().count("graph", "messages.list")).isEqualTo(3);
        assertThat(graph.sim.requestLog().count(r -> r.endpoint().equals("token")
                && r.detail().equals("client_credentials") && r.status() == 200)).isPositive();
    }

    @Test
    void readsMimeContentByteExact() throws Exception {
        byte[] mime = SampleMime.withAttachment().getBytes(StandardCharsets.ISO_8859_1);
        StoredMessage stored = graph.mail().mailbox(ALICE).deliver(mime);

        try (InputStream content = client.users().byUserId(ALICE).messages().byMessageId(stored.restId()).content()
                .get()) {
            assertThat(content.readAllBytes()).isEqualTo(mime);
        }
        Message message = client.users().byUserId(ALICE).messages().byMessageId(stored.restId()).get();
        assertThat(message.getSubject()).isEqualTo("Rechnung für März");
        assertThat(message.getHasAttachments()).isTrue();
    }

    @Test
    void marksReadAndMovesWithANewId() {
        StoredMessage stored = graph.mail().mailbox(ALICE).deliver(SampleMime.plain("Move via SDK").getBytes());
        Message patch = new Message();
        patch.setIsRead(true);

        Message read = client.users().byUserId(ALICE).messages().byMessageId(stored.restId()).patch(patch);
        MovePostRequestBody move = new MovePostRequestBody();
        move.setDestinationId("archive");
        Message moved = client.users().byUserId(ALICE).messages().byMessageId(stored.restId()).move().post(move);

        assertThat(read.getIsRead()).isTrue();
        assertThat(moved.getId()).isNotEqualTo(stored.restId());
        assertThat(graph.mail().mailbox(ALICE).messages("archive")).singleElement()
                .satisfies(m -> assertThat(m.read()).isTrue());
        assertThatThrownBy(() -> client.users().byUserId(ALICE).messages().byMessageId(stored.restId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorItemNotFound");
                });
    }

    @Test
    void deltaRoundTrip() {
        seed(5);
        List<Message> items = new ArrayList<>();
        DeltaGetResponse page = client.users().byUserId(ALICE).mailFolders().byMailFolderId("inbox").messages()
                .delta().get(rc -> rc.headers.add("Prefer", "odata.maxpagesize=2"));
        while (page.getOdataNextLink() != null) {
            items.addAll(page.getValue());
            page = client.users().byUserId(ALICE).mailFolders().byMailFolderId("inbox").messages().delta()
                    .withUrl(page.getOdataNextLink()).get();
        }
        items.addAll(page.getValue());
        String deltaLink = page.getOdataDeltaLink();
        assertThat(items).hasSize(5);
        assertThat(deltaLink).contains("$deltatoken=");

        StoredMessage removed = graph.mail().mailbox(ALICE).messages("inbox").getFirst();
        graph.mail().mailbox(ALICE).delete(removed.immutableId());
        graph.mail().mailbox(ALICE).deliver(SampleMime.plain("After delta").getBytes());
        DeltaGetResponse changes = client.users().byUserId(ALICE).mailFolders().byMailFolderId("inbox").messages()
                .delta().withUrl(deltaLink).get();

        assertThat(changes.getValue()).extracting(Message::getSubject).contains("After delta");
        assertThat(changes.getValue()).filteredOn(m -> m.getAdditionalData().containsKey("@removed"))
                .extracting(Message::getId).containsExactly(removed.restId());
        assertThat(changes.getOdataDeltaLink()).isNotNull();
    }

    @Test
    void sendMailIsAccepted() {
        Message message = GraphSdkClients.textMessage("Sent by the SDK", "Hello Bob", BOB);
        SendMailPostRequestBody request = new SendMailPostRequestBody();
        request.setMessage(message);
        request.setSaveToSentItems(true);

        client.users().byUserId(ALICE).sendMail().post(request);

        assertThat(graph.mail().sent(ALICE)).singleElement()
                .satisfies(m -> assertThat(m.recipients()).containsExactly(BOB));
        assertThat(graph.mail().mailbox(BOB).messages("inbox")).extracting(m -> m.summary().subject())
                .containsExactly("Sent by the SDK");
    }

    @Test
    void retryHandlerWaitsOutThrottlingWithoutEarlyRetries() {
        seed(1);
        graph.mail().faults().throttleNext(ALICE, 2, RetryAfter.seconds(1));

        MessageCollectionResponse page = client.users().byUserId(ALICE).mailFolders().byMailFolderId("inbox")
                .messages().get();

        assertThat(page.getValue()).hasSize(1);
        assertThat(graph.sim.requestLog().count(r -> r.endpoint().equals("messages.list") && r.status() == 429))
                .isEqualTo(2);
        assertThat(graph.sim.requestLog().earlyRetries()).isZero();
    }

    @Test
    void retryHandlerCopesWithServiceUnavailable() {
        seed(1);
        graph.mail().faults().failNext(ALICE, 1, 503);

        assertThat(client.users().byUserId(ALICE).messages().get().getValue()).hasSize(1);
        assertThat(graph.sim.requestLog().count(r -> r.status() == 503)).isEqualTo(1);
    }
}
