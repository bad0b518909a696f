package io.exchangebridge.credential.foundation;

import static io.restassured.RestAssured.given;

import io.exchangebridge.testing.ObservabilityContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Health, metrics and OpenAPI answer, and readiness reflects the real, migrated database. Only health is public:
 * metrics and the API description need a user.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ObservabilityTest extends ObservabilityContract {

    @Override
    protected RequestSpecification user() {
        return given().auth().preemptive().basic("admin", "admin-pass");
    }

    @Override
    protected String schemaVersion() {
        return "5";
    }

    @Override
    protected String apiTitle() {
        return "Exchange Bridge credential-service";
    }

    @Override
    protected boolean metricsNeedAUser() {
        return true;
    }
}
