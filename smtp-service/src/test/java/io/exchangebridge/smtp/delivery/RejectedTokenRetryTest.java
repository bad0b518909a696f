package io.exchangebridge.smtp.delivery;

import static io.exchangebridge.smtp.support.Api.awaitStatus;
import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Exchange refuses a token the relay and the broker both still hold as valid (the simulator's clock has passed its
 * expiry, as after a revocation): the single retry names the refused token by its SHA-256, so the broker — which, like
 * the real one, answers its cached token until told otherwise — hands out a new one and the message goes out.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class RejectedTokenRetryTest {

    static final String T = RelayTestResource.TENANT;

    @Inject
    CredentialClient tokens;

    @Test
    void smtpRetryAfter535NamesTheRefusedTokenAndDelivers() {
        assertRetryNamesRefusedToken("refused-smtp", "SMTP", "outlook", "250");
    }

    @Test
    void graphRetryAfter401NamesTheRefusedTokenAndDelivers() {
        assertRetryNamesRefusedToken("refused-graph", "GRAPH", "graph", "202");
    }

    /** Users of their own: routes are shared with the other test classes and {@code route} keeps an existing one. */
    private void assertRetryNamesRefusedToken(String user, String transport, String resource, String replyPrefix) {
        String mailbox = user + "@" + T;
        String credential = RelayTestResource.CREDENTIAL + "-" + user;
        RelayTestResource.sim().tenant(T).user(mailbox);
        route(mailbox, mailbox, credential, transport);
        String refused = tokens.token(credential, resource).value();
        assertEquals(refused, RelayTestResource.current(credential, resource), "the broker caches the token");
        int issued = RelayTestResource.TOKENS_ISSUED.get();
        RelayTestResource.sim().clock().advance(Duration.ofHours(3));
        try {
            String id = sender().contentType("application/json")
                    .body(Map.of("from", mailbox, "to", List.of("carol@example.com"), "text", "after refusal"))
                    .post("/api/messages").then().statusCode(202).extract().path("id");
            var sent = awaitStatus(id, "SENT");
            assertTrue(sent.getString("lastReply").startsWith(replyPrefix), sent.getString("lastReply"));
            List<String> reported = RelayTestResource.REJECTED_FINGERPRINTS;
            assertEquals(RelayTestResource.sha256(refused), reported.get(reported.size() - 1));
            assertEquals(issued + 1, RelayTestResource.TOKENS_ISSUED.get(), "exactly one new token");
            assertNotEquals(refused, RelayTestResource.current(credential, resource));
        } finally {
            RelayTestResource.sim().clock().reset();
        }
    }
}
