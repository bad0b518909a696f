package io.exchangebridge.importer.notification;

import static io.exchangebridge.importer.testing.Api.as;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.graph.subscription.SimSubscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Helpers of the notification tests. */
final class Notifications {

    private Notifications() {
    }

    /** The simulator's subscriptions whose resource names {@code upn}. */
    static List<SimSubscription> subscriptions(String upn) {
        return SimulatorResource.sim().subscriptions().all().stream()
                .filter(s -> s.resource().toLowerCase().contains(upn.toLowerCase())).toList();
    }

    static double dropped(MeterRegistry metrics, String reason) {
        Counter c = metrics.find("graph.notifications").tag("outcome", "dropped").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    /** Messages of the account stored so far. */
    static int stored(String mailboxId) {
        return as("reader").queryParam("mailbox", mailboxId).queryParam("limit", 1000).get("/api/messages").then()
                .statusCode(200).extract().jsonPath().getList("items").size();
    }

    /** Waits until no run is queued or running. */
    static void awaitRunsIdle() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("reader").queryParam("limit", 200).get("/api/imports").then().extract().jsonPath()
                        .getList("items.status").stream().allMatch("FINISHED"::equals));
    }
}
