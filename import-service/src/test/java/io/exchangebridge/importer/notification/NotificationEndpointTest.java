package io.exchangebridge.importer.notification;

import static io.exchangebridge.importer.notification.Notifications.dropped;
import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public endpoints without a public URL configured (the default): the handshake, entries verified by clientState
 * (unknown or wrong → 202, dropped, counted; right → the mailbox's job), and the account view saying it is polled.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class NotificationEndpointTest {

    @Inject
    SubscriptionStore store;
    @Inject
    SubscriptionJob job;
    @Inject
    MeterRegistry metrics;

    @Test
    void theHandshakeEchoesTheTokenWithoutCredentials() {
        for (String path : List.of("/graph/notifications", "/graph/lifecycle")) {
            given().queryParam("validationToken", "Validation: Token <&> 123").contentType("text/plain")
                    .post(path).then().statusCode(200).contentType(startsWith("text/plain"))
                    .body(equalTo("Validation: Token <&> 123"));
        }
    }

    @Test
    void unknownWrongAndMalformedEntriesAreDroppedAndCountedStill202() {
        store.saveActive(new SubscriptionRow("ep-known", SubscriptionKind.MAIL, SimulatorResource.CREDENTIAL,
                "ep-known@contoso.onmicrosoft.com", "inbox", "users/x/mailFolders('y')/messages", "sub-known",
                ClientStates.hash("the-right-state"), Instant.now().plus(Duration.ofDays(3)), true, null));
        double unknown = dropped(metrics, "unknown-subscription");
        double wrong = dropped(metrics, "wrong-client-state");
        double malformed = dropped(metrics, "malformed");
        notify(Map.of("subscriptionId", "sub-unknown", "clientState", "the-right-state"));
        notify(Map.of("subscriptionId", "sub-known", "clientState", "the-wrong-state"));
        notify(Map.of("subscriptionId", "sub-known"));
        given().contentType("application/json").body("{not json").post("/graph/notifications").then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> dropped(metrics, "unknown-subscription") == unknown + 1
                && dropped(metrics, "wrong-client-state") == wrong + 2
                && dropped(metrics, "malformed") == malformed + 1);
        assertThat(metrics.find("graph.notifications").tag("outcome", "dropped").counters())
                .allSatisfy(c -> assertThat(c.getId().getTags().toString()).doesNotContain("the-wrong-state"));
    }

    @Test
    void aVerifiedNotificationEnqueuesTheMailboxAndBurstsCoalesce() {
        String upn = "ep-good@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        createMailbox(Map.of("id", "ep-good", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL));
        store.saveActive(new SubscriptionRow("ep-good", SubscriptionKind.MAIL, SimulatorResource.CREDENTIAL, upn,
                "inbox", "users/" + upn + "/mailFolders('y')/messages", "sub-good", ClientStates.hash("good-state"),
                Instant.now().plus(Duration.ofDays(3)), true, null));
        Map<String, String> entry = Map.of("subscriptionId", "sub-good", "clientState", "good-state", "changeType",
                "created");
        given().contentType("application/json").body(Map.of("value", List.of(entry, entry, entry, entry)))
                .post("/graph/notifications").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> runsOf("ep-good") >= 1);
        assertThat(runsOf("ep-good")).as("four entries of one batch: one job").isEqualTo(1);
    }

    @Test
    void withoutAPublicUrlAccountsArePolledAndSaySo() {
        String upn = "ep-poll@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        createMailbox(Map.of("id", "ep-poll", "mailbox", upn, "credentialId", SimulatorResource.CREDENTIAL));
        job.maintain();
        as("reader").get("/api/mailboxes/ep-poll").then().statusCode(200)
                .body("notifications.mode", equalTo("polling"))
                .body("notifications.reason", startsWith("importer.notifications.public-url is not set"));
        assertThat(store.find("ep-poll", SubscriptionKind.MAIL)).isEmpty();
        assertThat(SimulatorResource.sim().subscriptions().all())
                .noneMatch(s -> s.resource().contains("ep-poll"));
    }

    private static void notify(Map<String, String> entry) {
        given().contentType("application/json").body(Map.of("value", List.of(entry))).post("/graph/notifications")
                .then().statusCode(202);
    }

    private static long runsOf(String mailboxId) {
        return as("reader").queryParam("limit", 200).get("/api/imports").then().extract().jsonPath()
                .getList("items.mailboxes.mailboxId").stream().filter(ids -> ids.toString().contains(mailboxId))
                .count();
    }
}
