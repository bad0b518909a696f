package io.exchangebridge.importer.notification;

import static io.exchangebridge.importer.notification.Notifications.awaitRunsIdle;
import static io.exchangebridge.importer.notification.Notifications.dropped;
import static io.exchangebridge.importer.notification.Notifications.stored;
import static io.exchangebridge.importer.notification.Notifications.subscriptions;
import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.subscription.Delivery;
import io.exchangebridge.simulator.graph.subscription.SimSubscription;
import io.exchangebridge.testing.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Subscriptions against the simulator's Graph, with this test server as the public URL: creation with the handshake,
 * new mail imported within seconds without a poll, duplicates imported once, wrong clientState dropped, lifecycle
 * events, renewal before expiry, recreation, and two replicas making one subscription.
 */
@QuarkusTest
@TestProfile(NotificationsProfile.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class SubscriptionFlowTest {

    @Inject
    SubscriptionJob job;
    @Inject
    SubscriptionManager manager;
    @Inject
    SubscriptionStore store;
    @Inject
    MailboxService mailboxes;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "importer.notifications.public-url")
    String publicUrl;

    @BeforeEach
    void httpReceivers() {
        SimulatorResource.sim().subscriptions().allowHttp(true).duplicates(1).delay(Duration.ZERO);
    }

    /** A subscribed mail account with its catch-up run done. */
    private MailboxStore subscribed(String id) {
        String upn = id + "@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        MailboxStore box = SimulatorResource.sim().mail().mailbox(upn);
        createMailbox(Map.of("id", id, "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL, "afterImport",
                "NONE"));
        job.maintain();
        assertThat(subscriptions(upn)).hasSize(1);
        awaitRunsIdle();
        return box;
    }

    @Test
    void newMailIsImportedWithinSecondsWithoutAPoll() {
        MailboxStore box = subscribed("ntf-new");
        SimSubscription s = subscriptions("ntf-new@").get(0);
        assertThat(s.resource()).startsWith("users/ntf-new@contoso.onmicrosoft.com/mailFolders('")
                .endsWith("')/messages").doesNotContain("inbox");
        assertThat(s.changeType()).isEqualTo("created");
        assertThat(s.notificationUrl()).isEqualTo(publicUrl + "/graph/notifications");
        assertThat(s.lifecycleNotificationUrl()).contains(publicUrl + "/graph/lifecycle");
        assertThat(s.clientState()).hasValueSatisfying(c -> assertThat(c).hasSizeGreaterThanOrEqualTo(40));
        // both handshakes answered 200; the secret is nowhere in our database in clear
        assertThat(SimulatorResource.sim().subscriptions().delivered()).filteredOn(
                d -> d.kind() == Delivery.Kind.VALIDATION && d.subscriptionId().equals(s.id())).hasSize(2)
                .allMatch(d -> d.status() == 200);
        SubscriptionRow row = store.find("ntf-new", SubscriptionKind.MAIL).orElseThrow();
        assertThat(row.clientStateHash()).isEqualTo(ClientStates.hash(s.clientState().orElseThrow()));
        JsonPath view = as("reader").get("/api/mailboxes/ntf-new").then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("notifications.mode")).isEqualTo("subscribed");
        assertThat(view.getString("notifications.subscriptions[0].resource")).isEqualTo(s.resource());
        assertThat(as("reader").get("/api/mailboxes/ntf-new").asString()).doesNotContain(s.clientState().get());

        Instant sent = Instant.now();
        TestMail.plain("ntf-new", 0, 2).forEach(box::deliver);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> stored("ntf-new") == 2);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void duplicateNotificationsImportEachMessageOnce() {
        MailboxStore box = subscribed("ntf-dup");
        SimulatorResource.sim().subscriptions().duplicates(4);
        TestMail.plain("ntf-dup", 0, 5).forEach(box::deliver);
        await().atMost(Duration.ofSeconds(15)).until(() -> stored("ntf-dup") == 5);
        String id = subscriptions("ntf-dup@").get(0).id();
        // every copy has reached the service (and been answered) before the last runs are awaited
        await().atMost(Duration.ofSeconds(15)).until(() -> SimulatorResource.sim().subscriptions().delivered().stream()
                .filter(d -> d.kind() == Delivery.Kind.NOTIFICATION && d.subscriptionId().equals(id)
                        && d.accepted())
                .count() == 20);
        awaitRunsIdle();
        assertThat(stored("ntf-dup")).isEqualTo(5);
        // 4 copies of 5 notifications (20 POSTs) and the catch-up after creation coalesced into fewer jobs
        long runs = as("reader").queryParam("limit", 200).get("/api/imports").then().extract().jsonPath()
                .getList("items.mailboxes.mailboxId").stream().filter(ids -> ids.toString().contains("ntf-dup"))
                .count();
        assertThat(runs).isBetween(1L, 12L);
    }

    @Test
    void aWrongClientStateIsDroppedAndCounted() {
        subscribed("ntf-forged");
        SimSubscription s = subscriptions("ntf-forged@").get(0);
        double before = dropped(metrics, "wrong-client-state");
        int runsBefore = runs();
        given().contentType("application/json").body(Map.of("value", List.of(Map.of("subscriptionId", s.id(),
                "clientState", "guessed", "changeType", "created", "resource", "Users/x/Messages/y"))))
                .post("/graph/notifications").then().statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> dropped(metrics, "wrong-client-state") == before + 1);
        assertThat(runs()).isEqualTo(runsBefore);
    }

    @Test
    void missedStartsACatchUp() {
        MailboxStore box = subscribed("ntf-missed");
        // the notifications of these two are held back far beyond the test: only the catch-up can bring them
        SimulatorResource.sim().subscriptions().delay(Duration.ofMinutes(30));
        TestMail.plain("ntf-missed", 0, 2).forEach(box::deliver);
        String id = subscriptions("ntf-missed@").get(0).id();
        assertThat(stored("ntf-missed")).isZero();
        SimulatorResource.sim().subscriptions().delay(Duration.ZERO);
        SimulatorResource.sim().subscriptions().lifecycle(id, "missed");
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("ntf-missed") == 2);
        // no notification of the two ever arrived: the catch-up after "missed" imported them
        assertThat(SimulatorResource.sim().subscriptions().delivered()).noneMatch(
                d -> d.kind() == Delivery.Kind.NOTIFICATION && d.subscriptionId().equals(id));
    }

    @Test
    void removedSubscriptionsAreRecreated() {
        subscribed("ntf-removed");
        SimSubscription old = subscriptions("ntf-removed@").get(0);
        SimulatorResource.sim().subscriptions().lifecycle(old.id(), "subscriptionRemoved");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions("ntf-removed@").stream()
                .anyMatch(s -> !s.id().equals(old.id())));
        SimSubscription renewed = subscriptions("ntf-removed@").get(0);
        assertThat(subscriptions("ntf-removed@")).hasSize(1);
        assertThat(renewed.resource()).isEqualTo(old.resource());
        assertThat(store.find("ntf-removed", SubscriptionKind.MAIL).orElseThrow().subscriptionId())
                .isEqualTo(renewed.id());
    }

    @Test
    void subscriptionsAreRenewedBeforeExpiryAndRecreatedWhenExpired() {
        subscribed("ntf-renew");
        SimSubscription first = subscriptions("ntf-renew@").get(0);
        job.maintain(); // not due yet: unchanged
        assertThat(subscriptions("ntf-renew@").get(0).expiration()).isEqualTo(first.expiration());

        SimulatorResource.sim().clock().advance(Duration.ofMinutes(35)); // within renew-before (30 of 60 minutes)
        job.maintain();
        SimSubscription renewed = subscriptions("ntf-renew@").get(0);
        assertThat(renewed.id()).isEqualTo(first.id());
        assertThat(renewed.expiration()).isAfter(first.expiration().plus(Duration.ofMinutes(30)));
        assertThat(store.find("ntf-renew", SubscriptionKind.MAIL).orElseThrow().expiresAt())
                .isEqualTo(renewed.expiration());

        SimulatorResource.sim().subscriptions().expireNow(first.id());
        SimulatorResource.sim().clock().advance(Duration.ofMinutes(35));
        job.maintain(); // PATCH answers 404: a new one
        assertThat(subscriptions("ntf-renew@")).hasSize(1).noneMatch(s -> s.id().equals(first.id()));
    }

    @Test
    void reauthorizationRequiredRenews() {
        subscribed("ntf-reauth");
        SimSubscription first = subscriptions("ntf-reauth@").get(0);
        SimulatorResource.sim().clock().advance(Duration.ofMinutes(5));
        SimulatorResource.sim().subscriptions().lifecycle(first.id(), "reauthorizationRequired");
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions("ntf-reauth@").get(0).expiration()
                .isAfter(first.expiration()));
        assertThat(subscriptions("ntf-reauth@").get(0).id()).isEqualTo(first.id());
    }

    @Test
    void theCalendarHasItsOwnSubscription() {
        String upn = "ntf-cal@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        createMailbox(Map.of("id", "ntf-cal", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                "importMail", false, "calendar", Map.of()));
        job.maintain();
        assertThat(subscriptions(upn)).singleElement().satisfies(s -> {
            assertThat(s.resource()).isEqualTo("users/" + upn + "/events");
            assertThat(s.changeType()).isEqualTo("created,updated,deleted");
        });
        as("admin").delete("/api/mailboxes/ntf-cal").then().statusCode(204);
        job.maintain();
        assertThat(subscriptions(upn)).isEmpty();
        assertThat(store.find("ntf-cal", SubscriptionKind.CALENDAR)).isEmpty();
    }

    @Test
    void calendarChangesArriveByNotificationWithoutAPoll() {
        String upn = "ntf-calchg@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        MailboxCalendar cal = SimulatorResource.sim().calendar().mailbox(upn);
        createMailbox(Map.of("id", "ntf-calchg", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL,
                "importMail", false, "calendar", Map.of()));
        job.maintain();
        assertThat(subscriptions(upn)).hasSize(1);
        awaitRunsIdle();
        LocalDate day = LocalDate.ofInstant(SimulatorResource.sim().clock().instant(), ZoneOffset.UTC).plusDays(2);

        StoredEvent created = cal.create(null, """
                {"subject":"Kick-off","start":{"dateTime":"%sT09:00:00","timeZone":"UTC"},
                 "end":{"dateTime":"%sT10:00:00","timeZone":"UTC"}}
                """.formatted(day, day));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> subjects("ntf-calchg").equals(List.of("Kick-off")));
        cal.update(created.id(), "{\"subject\":\"Kick-off (moved)\"}");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> subjects("ntf-calchg").equals(List.of("Kick-off (moved)")));
        cal.delete(created.id());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> subjects("ntf-calchg").isEmpty());
        awaitRunsIdle();

        // nothing polled: besides the catch-up after the subscription was made, every run came from a notification
        List<String> triggers = as("reader").queryParam("limit", 200).get("/api/imports").then().extract().jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(r -> r.get("mailboxes").toString().contains("ntf-calchg"))
                .map(r -> (String) r.get("trigger")).toList();
        assertThat(triggers).contains("notification").allMatch(t -> t.equals("notification") || t.equals("catch-up"));
        assertThat(SimulatorResource.sim().subscriptions().delivered()).filteredOn(
                d -> d.kind() == Delivery.Kind.NOTIFICATION
                        && d.subscriptionId().equals(subscriptions(upn).get(0).id()))
                .extracting(d -> JsonPath.from(d.body()).getString("value[0].changeType"))
                .contains("created", "updated", "deleted");
    }

    /** Subjects of the account's current events. */
    private static List<String> subjects(String mailboxId) {
        return as("reader").queryParam("mailbox", mailboxId).queryParam("limit", 100).get("/api/events").then()
                .statusCode(200).extract().jsonPath().getList("items.subject", String.class);
    }

    @Test
    void twoReplicasMakeOneSubscription() throws Exception {
        String upn = "ntf-race@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        createMailbox(Map.of("id", "ntf-race", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL));
        MailboxAccount account = mailboxes.account("ntf-race").orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                done.add(replicas.submit(() -> {
                    start.await();
                    manager.ensure(account);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            replicas.shutdown();
        }
        job.maintain(); // a later round on any replica keeps the one there is
        assertThat(subscriptions(upn)).hasSize(1);
        Optional<SubscriptionRow> row = store.find("ntf-race", SubscriptionKind.MAIL);
        assertThat(row).hasValueSatisfying(r -> assertThat(r.subscriptionId())
                .isEqualTo(subscriptions(upn).get(0).id()));
    }

    private static int runs() {
        return as("reader").queryParam("limit", 200).get("/api/imports").then().extract().jsonPath()
                .getList("items").size();
    }
}
