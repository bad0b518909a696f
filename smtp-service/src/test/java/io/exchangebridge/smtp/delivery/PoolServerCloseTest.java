package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.log.RequestRecord;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.smtp.support.TcpSockets;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Exchange closes idle connections (here after 1 s, as it does after about 5 minutes): the relay notices on its own,
 * closes its side at once (no socket left in CLOSE-WAIT, the pool counts none open), and the next message goes out on a
 * fresh connection at its first attempt, with no failed command in between.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(PoolServerCloseTest.QuickChecks.class)
class PoolServerCloseTest {

    static final String T = RelayTestResource.TENANT;
    static final String KIM = "kim@" + T;

    /**
     * Checks often, and a relay-side idle timeout far beyond the test: whatever closes the connections here is the
     * server's close, noticed, not the relay retiring them itself.
     */
    public static class QuickChecks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.smtp.pool-check-interval", "PT0.2S", "relay.smtp.pool-idle-timeout", "PT10M");
        }
    }

    @Inject
    SmtpDelivery delivery;

    @AfterEach
    void healthyAgain() {
        RelayTestResource.sim().smtp().faults().reset();
    }

    private static String submit(String from, String text) {
        return sender().contentType("application/json")
                .body(Map.of("from", from, "to", List.of("carol@example.com"), "text", text))
                .post("/api/messages").then().statusCode(202).extract().path("id");
    }

    private static long kim(String endpoint) {
        return RelayTestResource.sim().requestLog()
                .count(r -> endpoint.equals(r.endpoint()) && KIM.equals(r.mailbox()));
    }

    private static long kimRefused() {
        return RelayTestResource.sim().requestLog()
                .count(r -> KIM.equals(r.mailbox()) && r.status() >= 400 && !"smtp.timeout".equals(r.endpoint()));
    }

    @Test
    void connectionsExchangeClosedAreClosedAtOnceAndTheNextMessageGoesOutOnAFreshOne() {
        RelayTestResource.sim().tenant(T).user(KIM);
        route(KIM, KIM, RelayTestResource.CREDENTIAL + "-kim");
        int smtpPort = RelayTestResource.sim().smtpPort();
        RelayTestResource.sim().smtp().faults().idleTimeout(Duration.ofSeconds(1));

        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            burst.add(submit(KIM, "burst " + i));
        }
        burst.forEach(id -> awaitStatus(id, "SENT"));
        long connections = kim("smtp.auth");
        assertTrue(connections >= 1, "the burst authenticated at least once");

        // Exchange times out every pooled connection; the relay must let go of each without being asked to send
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> kim("smtp.timeout") >= 1 && delivery.openConnections() == 0
                        && TcpSockets.count(TcpSockets.CLOSE_WAIT, smtpPort) == 0);
        assertEquals(0, TcpSockets.count(TcpSockets.ESTABLISHED, smtpPort), "no connection to Exchange is left open");

        // from here on no more idle timeouts, so that the pool's count below is stable
        RelayTestResource.sim().smtp().faults().idleTimeout(Duration.ZERO);
        long refusedBefore = kimRefused();
        String id = submit(KIM, "after the idle close");
        JsonPath status = awaitStatus(id, "SENT");
        assertEquals(1, status.getInt("attempts"), "delivered at the first attempt");
        assertTrue(status.getString("lastReply").startsWith("250"), status.getString("lastReply"));
        assertEquals(connections + 1, kim("smtp.auth"), "on a fresh connection");
        assertEquals(refusedBefore, kimRefused(), "no command was refused on the way");
        List<RequestRecord> data = RelayTestResource.sim().requestLog().records().stream()
                .filter(r -> "smtp.data".equals(r.endpoint()) && KIM.equals(r.mailbox())).toList();
        assertEquals(burst.size() + 1, data.size(), "each message reached Exchange once");
        assertEquals(1, delivery.openConnections(), "the fresh connection is pooled again");
    }

    @Test
    void connectionExchangeClosesAsMailFromArrivesIsReplacedWithoutAFailedAttempt() {
        String lee = "lee@" + T;
        RelayTestResource.sim().tenant(T).user(lee);
        route(lee, lee, RelayTestResource.CREDENTIAL + "-lee");
        awaitStatus(submit(lee, "one"), "SENT");

        // the pooled connection is open when taken, and times out as MAIL FROM arrives: the race the check cannot see
        RelayTestResource.sim().smtp().faults().timeOutAtNextMailFrom(1);
        JsonPath status = awaitStatus(submit(lee, "two"), "SENT");

        assertEquals(1, status.getInt("attempts"), "the 421 is not a failed attempt");
        assertEquals(2, RelayTestResource.sim().requestLog()
                .count(r -> "smtp.auth".equals(r.endpoint()) && lee.equals(r.mailbox())), "sent on a fresh connection");
        assertEquals(1, RelayTestResource.sim().requestLog()
                .count(r -> "smtp.mail".equals(r.endpoint()) && lee.equals(r.mailbox()) && r.status() == 421));
        assertEquals(2, RelayTestResource.sim().requestLog()
                .count(r -> "smtp.data".equals(r.endpoint()) && lee.equals(r.mailbox())), "each message once");
    }
}
