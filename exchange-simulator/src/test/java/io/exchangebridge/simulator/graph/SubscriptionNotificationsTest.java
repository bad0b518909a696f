package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.body;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;
import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/** Change notifications: new mail in the subscribed folder however it arrives, and event changes. */
@TestInstance(Lifecycle.PER_CLASS)
class SubscriptionNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a bound, not a wait: loaded CI cores are slow
    private static final String EVENT = """
            {"subject": "Standup", "start": {"dateTime": "2026-12-03T09:00:00", "timeZone": "UTC"},
             "end": {"dateTime": "2026-12-03T09:15:00", "timeZone": "UTC"}}""";

    private SimulatorGraph graph;
    private SubscriptionHttp http;
    private SubscriptionReceiver receiver;
    private String token;

    @BeforeAll
    void start() {
        graph = new SimulatorGraph();
        graph.importer.applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send", "Calendars.ReadWrite");
        http = new SubscriptionHttp(graph);
        token = graph.appToken();
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    @BeforeEach
    void clean() {
        graph.mail().reset();
        graph.sim.subscriptions().reset();
        graph.sim.subscriptions().allowHttp(true);
        receiver = new SubscriptionReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private String subscribe(String resource, String changeType) {
        HttpResponse<String> created = http.create(token, body(resource, changeType, receiver.url("/notify"),
                receiver.url("/lifecycle")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    @Test
    void newMailInTheSubscribedFolderIsNotifiedInGraphsShape() throws Exception {
        String id = subscribe("users/" + ALICE + "/mailFolders('inbox')/messages", "created");
        StoredMessage message = graph.mail().mailbox(ALICE).deliver(SampleMime.plain("Hello").getBytes());

        JsonNode n = receiver.next(WAIT);
        String userId = graph.contoso.findUser(ALICE).orElseThrow().id();
        assertThat(n.get("subscriptionId").asText()).isEqualTo(id);
        assertThat(n.get("changeType").asText()).isEqualTo("created");
        assertThat(n.get("clientState").asText()).isEqualTo("secret-client-state");
        assertThat(n.get("tenantId").asText()).isEqualTo(graph.contoso.id());
        assertThat(n.get("subscriptionExpirationDateTime").asText()).isNotBlank();
        assertThat(n.get("resource").asText()).isEqualTo("Users/" + userId + "/Messages/" + message.restId());
        assertThat(n.at("/resourceData/@odata.type").asText()).isEqualTo("#Microsoft.Graph.Message");
        assertThat(n.at("/resourceData/@odata.id").asText()).isEqualTo(n.get("resource").asText());
        assertThat(n.at("/resourceData/@odata.etag").asText()).isEqualTo("W/\"" + message.changeKey() + "\"");
        assertThat(n.at("/resourceData/id").asText()).isEqualTo(message.restId());

        // another folder and another mailbox are not subscribed
        graph.mail().mailbox(ALICE).add("archive").mime(SampleMime.plain("Elsewhere"));
        graph.mail().mailbox(BOB).deliver(SampleMime.plain("Bob's").getBytes());
        assertThat(receiver.quietFor(Duration.ofMillis(500))).isTrue();
    }

    @Test
    void mailMovedIntoTheFolderCountsAsCreated() throws Exception {
        MailFolder projects = graph.mail().mailbox(ALICE).createFolder(
                graph.mail().mailbox(ALICE).folder("inbox").orElseThrow().id(), "Projects");
        subscribe("users/" + ALICE + "/mailFolders/" + projects.id() + "/messages", "created");
        StoredMessage inInbox = graph.mail().mailbox(ALICE).deliver(SampleMime.plain("Move me").getBytes());
        assertThat(receiver.quietFor(Duration.ofMillis(300))).isTrue();

        HttpResponse<String> moved = http.call("POST", "/users/" + ALICE + "/messages/" + inInbox.restId()
                + "/move", token, "{\"destinationId\": \"" + projects.id() + "\"}");
        assertThat(moved.statusCode()).isEqualTo(201);
        JsonNode n = receiver.next(WAIT);
        assertThat(n.at("/resourceData/id").asText()).isEqualTo(json(moved).get("id").asText());
    }

    @Test
    void mailSeededOverTheAdminApiOrSentByAnotherMailboxIsNotified() throws Exception {
        subscribe("users/" + ALICE + "/mailFolders('inbox')/messages", "created");
        HttpResponse<String> seeded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                graph.sim.httpBaseUrl() + "/_sim/mail/mailboxes/" + ALICE + "/messages")).POST(BodyPublishers
                        .ofString(SampleMime.plain("Over HTTP")))
                .build(), BodyHandlers.ofString());
        assertThat(seeded.statusCode()).isEqualTo(201);
        assertThat(receiver.next(WAIT).at("/resourceData/id").asText()).isEqualTo(json(seeded).get("id").asText());

        HttpResponse<String> sent = http.call("POST", "/users/" + BOB + "/sendMail", token, """
                {"message": {"subject": "From Bob", "body": {"contentType": "Text", "content": "Hi"},
                 "toRecipients": [{"emailAddress": {"address": "%s"}}]}}""".formatted(ALICE));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        String delivered = receiver.next(WAIT).at("/resourceData/id").asText();
        assertThat(graph.mail().mailbox(ALICE).messages("inbox")).extracting(StoredMessage::restId)
                .contains(delivered);
    }

    @Test
    void allMessagesWithImmutableIdsAndEveryChangeType() throws Exception {
        // Graph honours Prefer: IdType="ImmutableId" on create for the ids its notifications carry
        HttpResponse<String> immutable = callWithPrefer(body("users/" + ALICE + "/messages",
                "created,updated,deleted", receiver.url("/n"), null));
        assertThat(immutable.statusCode()).isEqualTo(201);

        StoredMessage m = graph.mail().mailbox(ALICE).deliver(SampleMime.plain("All").getBytes());
        assertThat(receiver.next(WAIT).at("/resourceData/id").asText()).isEqualTo(m.immutableId());
        graph.mail().mailbox(ALICE).markRead(m.immutableId(), true);
        assertThat(receiver.next(WAIT).get("changeType").asText()).isEqualTo("updated");
        graph.mail().mailbox(ALICE).delete(m.immutableId());
        JsonNode deleted = receiver.next(WAIT);
        assertThat(deleted.get("changeType").asText()).isEqualTo("deleted");
        assertThat(deleted.at("/resourceData/id").asText()).isEqualTo(m.immutableId());
        // arriving in Recoverable Items is no new message of the mailbox
        assertThat(receiver.quietFor(Duration.ofMillis(300))).isTrue();
    }

    private HttpResponse<String> callWithPrefer(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(graph.sim.httpBaseUrl() + "/v1.0/subscriptions"))
                .POST(BodyPublishers.ofString(body)).header("Authorization", "Bearer " + token)
                .header("Prefer", "IdType=\"ImmutableId\"").build();
        return HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
    }

    @Test
    void eventCreateUpdateDeleteInTheSubscribedCalendar() throws Exception {
        MailboxCalendar calendar = graph.sim.calendar().mailbox(ALICE);
        String other = calendar.createCalendar("Side");
        subscribe("users/" + ALICE + "/events", "created,updated,deleted");
        String primaryOnly = subscribe("users/" + ALICE + "/calendars/" + calendar.primaryCalendarId()
                + "/events", "updated");

        StoredEvent event = calendar.create(null, EVENT);
        JsonNode created = receiver.next(WAIT);
        assertThat(created.get("changeType").asText()).isEqualTo("created");
        assertThat(created.at("/resourceData/@odata.type").asText()).isEqualTo("#Microsoft.Graph.Event");
        assertThat(created.at("/resourceData/id").asText()).isEqualTo(event.id());
        assertThat(created.get("resource").asText()).endsWith("/Events/" + event.id());

        HttpResponse<String> patched = http.call("PATCH", "/users/" + ALICE + "/events/" + event.id(), token,
                "{\"subject\": \"Standup (moved)\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode first = receiver.next(WAIT);
        JsonNode second = receiver.next(WAIT);
        assertThat(List.of(first, second)).allSatisfy(n -> {
            assertThat(n.get("changeType").asText()).isEqualTo("updated");
            assertThat(n.at("/resourceData/@odata.etag").asText()).isEqualTo(json(patched).get("@odata.etag")
                    .asText());
        }).extracting(n -> n.get("subscriptionId").asText()).contains(primaryOnly);

        calendar.create(other, EVENT);
        assertThat(receiver.next(WAIT).get("changeType").asText()).isEqualTo("created");
        calendar.delete(event.id());
        assertThat(receiver.next(WAIT).get("changeType").asText()).isEqualTo("deleted");
        assertThat(receiver.quietFor(Duration.ofMillis(300))).isTrue();
    }
}
