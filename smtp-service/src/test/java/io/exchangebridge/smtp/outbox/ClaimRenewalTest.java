package io.exchangebridge.smtp.outbox;

import static io.exchangebridge.smtp.support.Api.arrivals;
import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A delivery that takes longer than {@code relay.outbox.claim-timeout} (here the credential-service answers slowly)
 * keeps its claim: another replica, played by the test claiming from the same table, does not take the message over and
 * send it a second time.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(ClaimRenewalTest.ShortClaims.class)
class ClaimRenewalTest {

    static final String SENDER = "renewal@" + RelayTestResource.TENANT;

    /** Claims of three seconds, renewed every second. */
    public static class ShortClaims implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.outbox.claim-timeout", "PT3S", "relay.outbox.batch-size", "1");
        }
    }

    @Inject
    OutboxStore outbox;

    @Test
    void aClaimOutlivesItsTimeoutWhileItsMessageIsBeingDelivered() throws InterruptedException {
        RelayTestResource.sim().tenant(RelayTestResource.TENANT).user(SENDER);
        route(SENDER, SENDER);
        RelayTestResource.TOKEN_DELAY.set(Duration.ofSeconds(8));
        JsonPath accepted;
        try {
            accepted = sender().contentType("application/json")
                    .body(Map.of("from", SENDER, "to", List.of("carol@example.com"), "subject", "slow", "text", "x"))
                    .post("/api/messages").then().statusCode(202).extract().jsonPath();
            awaitStatus(accepted.getString("id"), "SENDING");
            Thread.sleep(5000); // the claim's first three seconds are over; the delivery still waits for its token
            UUID id = UUID.fromString(accepted.getString("id"));
            assertTrue(outbox.claim(1000, Duration.ofSeconds(3)).stream().noneMatch(m -> m.id().equals(id)),
                    "a claim being renewed is not taken over");
        } finally {
            RelayTestResource.TOKEN_DELAY.set(Duration.ZERO);
        }
        awaitStatus(accepted.getString("id"), "SENT");
        assertEquals(1, arrivals(accepted.getString("messageId")), "sent once");
    }
}
