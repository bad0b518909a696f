package io.exchangebridge.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * Health, metrics and OpenAPI answer, and readiness reflects the real, migrated database. Also for
 * {@code @QuarkusIntegrationTest}: the service's {@code ObservabilityIT extends ObservabilityTest}.
 */
public abstract class ObservabilityContract {

    /** A user allowed to read metrics and the OpenAPI document. */
    protected abstract RequestSpecification user();

    /** The Flyway version the readiness check reports, such as "4". */
    protected abstract String schemaVersion();

    /** {@code info.title} of the OpenAPI document. */
    protected abstract String apiTitle();

    /** Whether metrics refuse an anonymous request (401); only health is public where this holds. */
    protected boolean metricsNeedAUser() {
        return false;
    }

    @Test
    public void readinessQueriesTheMigratedDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.find { it.name == 'database' }.data.schemaVersion", equalTo(schemaVersion()));
    }

    @Test
    public void prometheusMetricsAreExposed() {
        if (metricsNeedAUser()) {
            given().when().get("/q/metrics").then().statusCode(401);
        }
        user().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    public void openApiDocumentIsServed() {
        user().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo(apiTitle()));
    }
}
