package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.microsoft.graph.core.models.UploadResult;
import com.microsoft.graph.core.tasks.LargeFileUploadTask;
import com.microsoft.graph.models.AttachmentItem;
import com.microsoft.graph.models.AttachmentType;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.UploadSession;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.messages.item.attachments.createuploadsession.CreateUploadSessionPostRequestBody;

import io.exchangebridge.simulator.graph.store.SentMail;

/**
 * The Graph SDK v6, unmodified, building a large message the way Graph allows: {@code messages().post} for the draft,
 * {@code attachments().createUploadSession().post}, the SDK's {@code LargeFileUploadTask} for the chunks, then
 * {@code send().post}.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DraftSdkFidelityTest {

    private static final String PROPERTY = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name RelayKey";

    private SimulatorGraph graph;
    private GraphServiceClient client;

    @BeforeAll
    void start() throws Exception {
        graph = new SimulatorGraph();
        client = new GraphSdkClients(graph).application();
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    @BeforeEach
    void clean() {
        graph.mail().reset();
        graph.sim.sendingLimits().reset();
        graph.mail().faults().maxMessageSize(ALICE, 150L * 1024 * 1024);
    }

    @Test
    void aDraftWithALargeAttachmentIsUploadedBySliceAndSent() throws Exception {
        Message draft = client.users().byUserId(ALICE).messages().post(draft("Invoice 7", "key-7"));
        assertThat(draft.getIsDraft()).isTrue();
        byte[] file = GraphUploadSessionTest.random(9 * 1024 * 1024 + 123);

        UploadResult<AttachmentItem> result = upload(draft.getId(), "invoice-7.pdf", file);

        assertThat(result.isUploadSuccessful()).isTrue();
        assertThat(result.location.toString()).contains("/Attachments('");
        client.users().byUserId(ALICE).messages().byMessageId(draft.getId()).send().post();
        SentMail sent = graph.mail().sent(ALICE).getFirst();
        assertThat(sent.subject()).isEqualTo("Invoice 7");
        byte[] received = graph.mail().mailbox(BOB).messages("inbox").getFirst().mime();
        assertThat(GraphUploadSessionTest.attachmentOf(received, "invoice-7.pdf")).isEqualTo(file);
        assertThat(graph.mail().mailbox(ALICE).messages("drafts")).isEmpty();
    }

    @Test
    void aSliceThatFailsOnceIsRetriedByTheSdk() throws Exception {
        Message draft = client.users().byUserId(ALICE).messages().post(draft("Invoice 8", "key-8"));
        byte[] file = GraphUploadSessionTest.random(5 * 1024 * 1024);
        graph.mail().faults().failNextUploadChunks(ALICE, 1, 503);

        UploadResult<AttachmentItem> result = upload(draft.getId(), "invoice-8.pdf", file);

        assertThat(result.isUploadSuccessful()).isTrue();
        assertThat(graph.mail().faults().pendingUploadFaults(ALICE)).isZero();
        assertThat(graph.sim.requestLog().records()).anyMatch(r -> r.endpoint().equals("attachment.upload")
                && r.status() == 503);
        client.users().byUserId(ALICE).messages().byMessageId(draft.getId()).send().post();
        byte[] received = graph.mail().mailbox(BOB).messages("inbox").getFirst().mime();
        assertThat(GraphUploadSessionTest.attachmentOf(received, "invoice-8.pdf")).isEqualTo(file);
    }

    @Test
    void theDraftIsFoundByItsExtendedPropertyAndSendIsRefusedOverTheLimit() {
        client.users().byUserId(ALICE).messages().post(draft("Invoice 9", "key-9"));
        graph.sim.sendingLimits().recipientsPerDay(1).admit(ALICE, List.of(BOB)); // today's quota already used

        List<Message> found = client.users().byUserId(ALICE).mailFolders().byMailFolderId("drafts").messages()
                .get(rc -> {
                    rc.queryParameters.filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + PROPERTY
                            + "' and ep/value eq 'key-9')";
                    rc.queryParameters.expand = new String[]{"singleValueExtendedProperties($filter=id eq '"
                            + PROPERTY + "')"};
                }).getValue();

        assertThat(found).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("Invoice 9");
            assertThat(m.getSingleValueExtendedProperties()).singleElement()
                    .satisfies(p -> assertThat(p.getValue()).isEqualTo("key-9"));
        });
        String id = found.getFirst().getId();
        assertThatThrownBy(() -> client.users().byUserId(ALICE).messages().byMessageId(id).send().post())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(429);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorSubmissionQuotaExceeded");
                });
    }

    private UploadResult<AttachmentItem> upload(String messageId, String name, byte[] file) throws Exception {
        AttachmentItem item = new AttachmentItem();
        item.setAttachmentType(AttachmentType.File);
        item.setName(name);
        item.setSize((long) file.length);
        item.setContentType("application/pdf");
        CreateUploadSessionPostRequestBody body = new CreateUploadSessionPostRequestBody();
        body.setAttachmentItem(item);
        UploadSession session = client.users().byUserId(ALICE).messages().byMessageId(messageId).attachments()
                .createUploadSession().post(body);
        LargeFileUploadTask<AttachmentItem> task = new LargeFileUploadTask<>(client.getRequestAdapter(), session,
                new ByteArrayInputStream(file), file.length, 4 * 1024 * 1024,
                AttachmentItem::createFromDiscriminatorValue);
        return task.upload(3, null);
    }

    private static Message draft(String subject, String key) {
        Message message = GraphSdkClients.textMessage(subject, "The invoice is attached.", BOB);
        SingleValueLegacyExtendedProperty property = new SingleValueLegacyExtendedProperty();
        property.setId(PROPERTY);
        property.setValue(key);
        message.setSingleValueExtendedProperties(List.of(property));
        return message;
    }
}
