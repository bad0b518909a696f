package io.exchangebridge.smtp.foundation;

import static io.exchangebridge.smtp.support.Api.route;
import static io.exchangebridge.smtp.support.Api.sender;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.DatabaseOutageAssertions;
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
        DatabaseOutageAssertions.answers503WhileDown(DatabaseDownProblemTest::submit, 202);
    }

    @Inject
    DataSource dataSource;

    @Test
    void everyRequestAfterARestartIsServed() {
        route(SENDER, SENDER);
        DatabaseOutageAssertions.everyRequestServedAfterRestart(dataSource, DatabaseDownProblemTest::submit, 202);
    }
}
