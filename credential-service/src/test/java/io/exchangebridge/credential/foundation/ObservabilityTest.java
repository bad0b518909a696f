package io.exchangebridge.credential.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, metrics and OpenAPI answer, and readiness reflects the real, migrated database. Only health is public:
 * metrics and the API description need a user.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ObservabilityTest {

    @Test
    void readinessQueriesTheMigratedDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.data.schemaVersion", equalTo("4"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics").then().statusCode(401);
        given().auth().preemptive().basic("admin", "admin-pass").when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().auth().preemptive().basic("admin", "admin-pass").accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Exchange Bridge credential-service"));
    }
}
