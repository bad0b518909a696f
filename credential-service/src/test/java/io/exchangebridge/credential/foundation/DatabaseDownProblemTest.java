package io.exchangebridge.credential.foundation;

import static io.exchangebridge.credential.testing.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.exchangebridge.testing.ShortDatabaseAcquisition;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The credential list answers 503 with Retry-After while PostgreSQL is down, not 500, and 200 again once it is back,
 * from the first request on. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ShortDatabaseAcquisition.class)
class DatabaseDownProblemTest {

    private static io.restassured.response.Response list() {
        return admin().get("/api/credentials");
    }

    @Test
    void answers503WhileTheDatabaseIsDown() {
        list().then().statusCode(200);
        RestartablePostgresTestResource.stopDatabase();
        try {
            list().then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", equalTo("The database is unavailable; try again later."))
                    .body(not(containsStringIgnoringCase("exception")))
                    .body(not(containsStringIgnoringCase("postgres")));
        } finally {
            RestartablePostgresTestResource.startDatabase();
        }
        // Connections broken by the restart are dropped as they fail; then the list is served again.
        await().atMost(Duration.ofSeconds(30)).until(() -> list().statusCode() == 200);
    }

    @Inject
    DataSource dataSource;

    @Test
    void everyRequestAfterARestartIsServed() {
        RestartablePostgresTestResource.assertEveryRequestServedAfterRestart(dataSource, () -> list().statusCode(),
                200);
    }
}
