package io.exchangebridge.smtp.foundation;

import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.exchangebridge.testing.ShortDatabaseAcquisition;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The REST intake answers 503 with Retry-After while PostgreSQL is down (as the SMTP listener answers 451), not 500,
 * and accepts messages again once it is back, from the first request on. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ShortDatabaseAcquisition.class)
class DatabaseDownProblemTest {

    static final String SENDER = "dana@" + RelayTestResource.TENANT;

    private static io.restassured.response.Response submit() {
        return sender().contentType("application/json")
                .body(Map.of("from", SENDER, "to", List.of("carol@example.com"), "text", "x"))
                .post("/api/messages");
    }

    @Test
    void intakeAnswers503WhileTheDatabaseIsDown() {
        route(SENDER, SENDER);
        submit().then().statusCode(202);
        RestartablePostgresTestResource.stopDatabase();
        try {
            submit().then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(503))
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", equalTo("The database is unavailable; try again later."))
                    .body(not(containsStringIgnoringCase("exception")))
                    .body(not(containsStringIgnoringCase("postgres")));
        } finally {
            RestartablePostgresTestResource.startDatabase();
        }
        // Connections broken by the restart are dropped as they fail; then messages are accepted again.
        await().atMost(Duration.ofSeconds(30)).until(() -> submit().statusCode() == 202);
    }

    @Inject
    DataSource dataSource;

    @Test
    void everyRequestAfterARestartIsServed() {
        route(SENDER, SENDER);
        RestartablePostgresTestResource.assertEveryRequestServedAfterRestart(dataSource, () -> submit().statusCode(),
                202);
    }
}
