package io.exchangebridge.credential.foundation;

import static io.exchangebridge.credential.testing.Api.admin;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.DatabaseOutageAssertions;
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
        DatabaseOutageAssertions.answers503WhileDown(DatabaseDownProblemTest::list, 200);
    }

    @Inject
    DataSource dataSource;

    @Test
    void everyRequestAfterARestartIsServed() {
        DatabaseOutageAssertions.everyRequestServedAfterRestart(dataSource, DatabaseDownProblemTest::list, 200);
    }
}
