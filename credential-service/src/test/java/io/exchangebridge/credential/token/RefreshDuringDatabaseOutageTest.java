package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.exchangebridge.testing.ShortDatabaseAcquisition;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * PostgreSQL stops while a token is being fetched from Entra: the client hears that the database is unavailable (503,
 * Retry-After), not that "another request is refreshing the token", which would send an administrator looking in the
 * wrong place. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = SimulatorTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ShortDatabaseAcquisition.class)
class RefreshDuringDatabaseOutageTest {

    @Inject
    DataSource dataSource;

    /** Other sessions of the application that are inside a transaction and waiting (here: for Entra). */
    private int openTransactions() throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE state = 'idle in transaction' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aRefreshCutOffByTheDatabaseSaysTheDatabaseIsUnavailable() throws Exception {
        String clientId = UUID.randomUUID().toString();
        String secret = "outage-secret-" + UUID.randomUUID();
        ClientCredentialsTokenTest.app(clientId, secret);
        create(appCredential("outage", clientId, secret));

        SimulatorTestResource.current().entraFaults().delayResponses(Duration.ofSeconds(3));
        Response answer;
        try {
            CompletableFuture<Response> pending = CompletableFuture.supplyAsync(() -> token("app1", "outage", "graph"));
            // the request now waits for Entra inside its transaction, holding the credential's row lock
            await().atMost(Duration.ofSeconds(10)).until(() -> openTransactions() > 0);
            RestartablePostgresTestResource.stopDatabase();
            answer = pending.get();
        } finally {
            SimulatorTestResource.current().entraFaults().delayResponses(Duration.ZERO);
            RestartablePostgresTestResource.startDatabase();
        }
        answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", equalTo("5"))
                .body("detail", equalTo("The database is unavailable; try again later."));
        // once it is back, the token is fetched and handed out
        await().atMost(Duration.ofSeconds(30)).until(() -> token("app1", "outage", "graph").statusCode() == 200);
    }
}
