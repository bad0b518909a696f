package io.exchangebridge.smtp.outbox;

import static io.exchangebridge.smtp.support.Api.arrivals;
import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.exchangebridge.testing.ShortDatabaseAcquisition;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * PostgreSQL goes away while a worker is sending: Exchange already has the message, the outbox cannot say so yet. The
 * worker keeps the outcome until the database is back, so the message is SENT once, not sent again; and no worker dies
 * of the outage. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = RelayTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ShortDatabaseAcquisition.class)
class DatabaseOutageDeliveryTest {

    static final String SENDER = "alice@" + RelayTestResource.TENANT;

    private static JsonPath submit(String subject) {
        return sender().contentType("application/json")
                .body(Map.of("from", SENDER, "to", List.of("carol@example.com"), "subject", subject, "text", "x"))
                .post("/api/messages").then().statusCode(202).extract().jsonPath();
    }

    @Test
    void aMessageSentDuringAnOutageIsRecordedOnceTheDatabaseIsBackAndNotSentAgain() throws InterruptedException {
        route(SENDER, SENDER);
        // the token comes slowly, so the database can be stopped while the worker holds the claimed message
        RelayTestResource.TOKEN_DELAY.set(Duration.ofSeconds(2));
        JsonPath accepted;
        try {
            accepted = submit("during the outage");
            awaitStatus(accepted.getString("id"), "SENDING");
            RestartablePostgresTestResource.stopDatabase();
            try {
                awaitArrival(accepted.getString("messageId"));
                Thread.sleep(2000); // the worker tries to write SENT meanwhile, and fails
            } finally {
                RestartablePostgresTestResource.startDatabase();
            }
        } finally {
            RelayTestResource.TOKEN_DELAY.set(Duration.ZERO);
        }

        awaitStatus(accepted.getString("id"), "SENT");
        assertEquals(1, arrivals(accepted.getString("messageId")), "sent once, not again after the outage");
        long workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("outbox-worker-") && t.isAlive()).count();
        assertEquals(2, workers, "every outbox worker survives the outage");
        JsonPath after = submit("after the outage");
        awaitStatus(after.getString("id"), "SENT");
        assertEquals(1, arrivals(after.getString("messageId")));
    }
}
