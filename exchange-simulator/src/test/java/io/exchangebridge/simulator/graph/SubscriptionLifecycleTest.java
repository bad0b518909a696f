package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.body;
import static io.exchangebridge.simulator.graph.SubscriptionHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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

import io.exchangebridge.simulator.graph.subscription.Delivery;
import io.exchangebridge.simulator.graph.subscription.GraphSubscriptions;
import io.exchangebridge.simulator.graph.subscription.SubscriptionFailure;

/** Lifecycle events on demand, duplicates, delays, Graph's retries and expiry on the simulator clock. */
@TestInstance(Lifecycle.PER_CLASS)
class SubscriptionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a bound, not a wait: loaded CI cores are slow

    private SimulatorGraph graph;
    private SubscriptionHttp http;
    private SubscriptionReceiver receiver;
    private GraphSubscriptions subs;

    @BeforeAll
    void start() {
        graph = new SimulatorGraph();
        http = new SubscriptionHttp(graph);
        subs = graph.sim.subscriptions();
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    @BeforeEach
    void clean() {
        graph.mail().reset();
        graph.sim.subscriptions().reset();
        subs.allowHttp(true);
        receiver = new SubscriptionReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
        graph.sim.clock().reset();
    }

    private String subscribe() {
        HttpResponse<String> created = http.create(graph.appToken(), body("users/" + ALICE
                + "/mailFolders('inbox')/messages", "created", receiver.url("/notify"), receiver.url("/lifecycle")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private void newMail(String subject) {
        graph.mail().mailbox(ALICE).deliver(SampleMime.plain(subject).getBytes());
    }

    @Test
    void lifecycleEventsGoToTheLifecycleUrlAndRemovalEndsTheSubscription() throws Exception {
        String id = subscribe();
        subs.lifecycle(id, "reauthorizationRequired");
        JsonNode reauthorize = receiver.next(WAIT);
        assertThat(reauthorize.get("lifecycleEvent").asText()).isEqualTo("reauthorizationRequired");
        assertThat(reauthorize.has("changeType")).isFalse();
        assertThat(reauthorize.get("subscriptionId").asText()).isEqualTo(id);
        assertThat(reauthorize.get("clientState").asText()).isEqualTo("secret-client-state");
        subs.lifecycle(id, "missed");
        assertThat(receiver.next(WAIT).get("lifecycleEvent").asText()).isEqualTo("missed");
        // the receiver has answered before the simulator records the answer
        await().atMost(WAIT).untilAsserted(() -> assertThat(subs.delivered()).filteredOn(d -> d
                .kind() == Delivery.Kind.LIFECYCLE).allSatisfy(d -> assertThat(d.url()).isEqualTo(receiver.url(
                        "/lifecycle")))
                .hasSize(2));

        subs.lifecycle(id, "subscriptionRemoved");
        assertThat(receiver.next(WAIT).get("lifecycleEvent").asText()).isEqualTo("subscriptionRemoved");
        assertThat(subs.get(id)).isEmpty();
        assertThat(http.call("GET", "/subscriptions/" + id, graph.appToken(), null).statusCode()).isEqualTo(404);
        newMail("After removal");
        assertThat(receiver.quietFor(Duration.ofMillis(500))).isTrue();
        assertThatThrownBy(() -> subs.lifecycle(id, "missed")).isInstanceOf(SubscriptionFailure.class);
        assertThatThrownBy(() -> subs.lifecycle(subscribe(), "expired")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void duplicatesAndDelaysAreSwitchable() throws Exception {
        subscribe();
        subs.duplicates(2);
        newMail("Twice");
        JsonNode first = receiver.next(WAIT);
        assertThat(receiver.next(WAIT)).isEqualTo(first);
        assertThat(receiver.quietFor(Duration.ofMillis(300))).isTrue();

        subs.duplicates(1).delay(Duration.ofMillis(1500));
        newMail("Late");
        assertThat(receiver.quietFor(Duration.ofMillis(700))).isTrue();
        assertThat(receiver.next(WAIT).get("changeType").asText()).isEqualTo("created");
    }

    @Test
    void aFailingReceiverIsRetriedWithGrowingIntervalsUntilItAccepts() throws Exception {
        subscribe();
        subs.retryBackoff(Duration.ofMillis(100));
        receiver.failNext(2);
        newMail("Retried");
        JsonNode delivered = receiver.next(WAIT);
        assertThat(delivered.get("changeType").asText()).isEqualTo("created");
        await().atMost(WAIT).until(() -> notifications().size() == 3);
        List<Delivery> attempts = notifications();
        assertThat(attempts).extracting(Delivery::status).containsExactly(503, 503, 202);
        assertThat(attempts).extracting(Delivery::attempt).containsExactly(1, 2, 3);
        // 100 ms, then 200 ms
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration
                .ofMillis(150));
    }

    private List<Delivery> notifications() {
        return subs.delivered().stream().filter(d -> d.kind() == Delivery.Kind.NOTIFICATION).toList();
    }

    @Test
    void aClosedSimulatorNoLongerNotifiesButItsStoreStillWorks() {
        try (SimulatorGraph closed = new SimulatorGraph()) {
            closed.sim.close();
            assertThat(closed.mail().mailbox(ALICE).deliver(SampleMime.plain("After close").getBytes()).restId())
                    .isNotBlank();
        }
    }

    @Test
    void subscriptionsExpireOnTheSimulatorClock() throws Exception {
        String id = subscribe();
        String other = subscribe();
        subs.expireNow(other);
        assertThat(subs.all()).extracting(s -> s.id()).containsExactly(id);

        graph.sim.clock().advance(Duration.ofDays(2));
        assertThat(subs.get(id)).isEmpty();
        assertThat(subs.all()).isEmpty();
        newMail("Nobody listens");
        assertThat(receiver.quietFor(Duration.ofMillis(500))).isTrue();
        // a fresh token: the clock moved past the old one's expiry too
        assertThat(http.call("PATCH", "/subscriptions/" + id, graph.appToken(), "{\"expirationDateTime\": \""
                + graph.sim.clock().instant().plus(Duration.ofDays(1)) + "\"}").statusCode()).isEqualTo(404);
    }
}
