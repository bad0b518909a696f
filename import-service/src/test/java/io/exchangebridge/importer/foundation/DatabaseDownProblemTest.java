package io.exchangebridge.importer.foundation;

import static io.exchangebridge.importer.testing.Api.as;

import io.exchangebridge.testing.DatabaseDownContract;
import io.exchangebridge.testing.RestartablePostgresTestResource;
import io.exchangebridge.testing.ShortDatabaseAcquisition;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The mailbox list answers 503 with Retry-After while PostgreSQL is down, not 500, and 200 again once it is back, from
 * the first request on. Its own database: this test stops it.
 */
@QuarkusTest
@WithTestResource(value = RestartablePostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestProfile(ShortDatabaseAcquisition.class)
class DatabaseDownProblemTest extends DatabaseDownContract {

    @Override
    protected Response request() {
        return as("admin").get("/api/mailboxes");
    }

    @Override
    protected int okStatus() {
        return 200;
    }
}
