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

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The REST intake answers 503 with Retry-After while PostgreSQL is down (as the SMTP listener answers 451), not 500,
 * and accepts messages again once it is back. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(DatabaseDownProblemTest.ShortAcquisition.class)
class DatabaseDownProblemTest {

    static final String SENDER = "dana@" + RelayTestResource.TENANT;

    /** Fails fast when no connection can be had, so the test does not wait out the default. */
    public static class ShortAcquisition implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
        }
    }

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
}
