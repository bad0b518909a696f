package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Entra unreachable: a still-valid cached token keeps being served; without one, 503 with Retry-After and no call to
 * Entra before it has passed; once Entra answers again, tokens flow.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class EntraDownTest {

    @Inject
    DataSource dataSource;
    @Inject
    TokenService tokens;

    @Test
    void servesCachedTokensWhileEntraIsDownThen503() {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "down-secret");
        create(appCredential("down-1", clientId, "down-secret"));
        String first = token("app1", "down-1", "graph").then().statusCode(200).extract().path("accessToken");
        String tokenUrl = Sql.string(dataSource, "SELECT token_url FROM credential WHERE id = 'down-1'");

        // Entra goes away (nothing listens on port 1), and the token is due for refresh but still valid.
        Sql.update(dataSource,
                "UPDATE credential SET token_url = 'https://localhost:1/x/oauth2/v2.0/token' WHERE id = 'down-1'");
        Sql.expireTokens(dataSource, "down-1", 60);
        tokens.clearMemory();
        token("app1", "down-1", "graph").then().statusCode(200).body("accessToken", equalTo(first));
        admin().get("/api/credentials/down-1").then().body("status.state", equalTo("TRANSIENT_ERROR"))
                .body("status.explanation", notNullValue());

        // Now it has expired: 503 with Retry-After.
        Sql.expireTokens(dataSource, "down-1", -1);
        tokens.clearMemory();
        String retryAfter = token("app1", "down-1", "graph").then().statusCode(503)
                .body("credentialStatus", equalTo("TRANSIENT_ERROR"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 30);

        // Entra is back and the backoff has passed.
        Sql.update(dataSource, "UPDATE credential SET token_url = ?, next_attempt_at = NULL WHERE id = 'down-1'",
                tokenUrl);
        token("app1", "down-1", "graph").then().statusCode(200).body("accessToken", not(equalTo(first)));
        admin().get("/api/credentials/down-1").then().body("status.state", equalTo("ACTIVE"));
    }
}
