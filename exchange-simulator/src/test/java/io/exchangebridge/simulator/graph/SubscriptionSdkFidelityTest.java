package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * Microsoft Graph Java SDK v6, unmodified, creating, listing, renewing and deleting a subscription on the simulator
 * over HTTPS, with a webhook in the test (the JDK's HTTP server) answering the validation handshake.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SubscriptionSdkFidelityTest {

    private SimulatorGraph graph;
    private GraphServiceClient client;
    private SubscriptionReceiver receiver;

    @BeforeAll
    void start() throws Exception {
        graph = new SimulatorGraph();
        graph.importer.applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Calendars.ReadWrite");
        graph.sim.subscriptions().allowHttp(true);
        client = new GraphSdkClients(graph).application();
        receiver = new SubscriptionReceiver();
    }

    @AfterAll
    void stop() {
        receiver.close();
        graph.close();
    }

    private static OffsetDateTime inDays(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void createsRenewsAndDeletesASubscriptionThatNotifies() throws Exception {
        Subscription request = new Subscription();
        request.setChangeType("created");
        request.setNotificationUrl(receiver.url("/graph/notifications"));
        request.setLifecycleNotificationUrl(receiver.url("/graph/lifecycle"));
        request.setResource("users/" + ALICE + "/mailFolders('inbox')/messages");
        request.setExpirationDateTime(inDays(2));
        request.setClientState("sdk-client-state");
        Subscription created = client.subscriptions().post(request);

        assertThat(created.getId()).isNotBlank();
        assertThat(created.getResource()).isEqualTo(request.getResource());
        assertThat(created.getExpirationDateTime()).isEqualTo(request.getExpirationDateTime());
        assertThat(created.getApplicationId()).isEqualTo(graph.importer.clientId());
        assertThat(created.getLatestSupportedTlsVersion()).isEqualTo("v1_2");
        assertThat(receiver.validationTokens()).hasSize(2);
        assertThat(client.subscriptions().get().getValue()).extracting(Subscription::getId)
                .containsExactly(created.getId());

        StoredMessage message = graph.mail().mailbox(ALICE).deliver(SampleMime.plain("SDK").getBytes());
        JsonNode notification = receiver.next(Duration.ofSeconds(10));
        assertThat(notification.get("subscriptionId").asText()).isEqualTo(created.getId());
        assertThat(notification.at("/resourceData/id").asText()).isEqualTo(message.restId());

        Subscription renewal = new Subscription();
        renewal.setExpirationDateTime(inDays(6));
        Subscription renewed = client.subscriptions().bySubscriptionId(created.getId()).patch(renewal);
        assertThat(renewed.getExpirationDateTime()).isEqualTo(renewal.getExpirationDateTime());
        assertThat(client.subscriptions().bySubscriptionId(created.getId()).get().getExpirationDateTime())
                .isEqualTo(renewal.getExpirationDateTime());

        client.subscriptions().bySubscriptionId(created.getId()).reauthorize().post();
        client.subscriptions().bySubscriptionId(created.getId()).delete();
        assertThatThrownBy(() -> client.subscriptions().bySubscriptionId(created.getId()).patch(renewal))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(
                        404));
        assertThat(client.subscriptions().get().getValue()).isEmpty();
    }

    @Test
    void theSdkSeesGraphsErrorsForALifetimeTooLong() {
        Subscription request = new Subscription();
        request.setChangeType("created,updated,deleted");
        request.setNotificationUrl(receiver.url("/graph/notifications"));
        request.setResource("users/" + ALICE + "/events");
        request.setExpirationDateTime(inDays(8));
        assertThatThrownBy(() -> client.subscriptions().post(request)).isInstanceOfSatisfying(ODataError.class,
                e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("ExtensionError");
                    assertThat(e.getError().getMessage()).contains("10070 minutes");
                });
    }
}
