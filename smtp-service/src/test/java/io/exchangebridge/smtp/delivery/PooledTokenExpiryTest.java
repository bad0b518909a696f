package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A pooled, authenticated connection serves messages while its token is valid; once the token has expired the
 * connection is dropped and a new one authenticates with a fresh token (never a send on an expired token).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(PooledTokenExpiryTest.NoMargins.class)
class PooledTokenExpiryTest {

    static final String T = RelayTestResource.TENANT;

    /** Tokens used up to their expiry, so a short-lived token shows the behaviour within seconds. */
    public static class NoMargins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credential-client.refresh-margin", "PT0S", "relay.smtp.token-margin", "PT0S");
        }
    }

    private static String send(String text) {
        String id = sender().contentType("application/json")
                .body(Map.of("from", "judy@" + T, "to", List.of("carol@example.com"), "text", text))
                .post("/api/messages").then().statusCode(202).extract().path("id");
        awaitStatus(id, "SENT");
        return id;
    }

    private static long auths() {
        return RelayTestResource.sim().requestLog()
                .count(r -> "smtp.auth".equals(r.endpoint()) && ("judy@" + T).equals(r.mailbox()));
    }

    @Test
    void expiredTokenRetiresThePooledConnection() {
        RelayTestResource.sim().tenant(T).user("judy@" + T);
        route("judy@" + T, "judy@" + T, RelayTestResource.CREDENTIAL + "-judy");
        RelayTestResource.TOKEN_LIFETIME.set(Duration.ofSeconds(8));
        try {
            int tokensBefore = RelayTestResource.TOKENS_ISSUED.get();
            send("one");
            // The token was fetched before "one" was sent, so it expires at the latest 8 s from now; a time taken
            // before sending would be earlier than the fetch on a slow machine and let the test look too soon.
            Instant firstToken = Instant.now();
            send("two");
            assertEquals(1, auths(), "the second message reuses the authenticated connection");
            assertEquals(tokensBefore + 1, RelayTestResource.TOKENS_ISSUED.get());

            Instant expired = firstToken.plusSeconds(9);
            await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(expired));
            send("three");
            assertEquals(2, auths(), "a new connection authenticates with a fresh token");
            assertEquals(tokensBefore + 2, RelayTestResource.TOKENS_ISSUED.get());
        } finally {
            RelayTestResource.TOKEN_LIFETIME.set(Duration.ofHours(1));
        }
    }
}
