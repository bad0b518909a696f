package io.exchangebridge.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * Readiness goes DOWN when PostgreSQL goes away, liveness stays UP. The service's class gives the test its own database
 * ({@code @WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)}): this
 * test stops it.
 */
public abstract class ReadinessWhenDatabaseStopsContract {

    @Test
    public void readinessGoesDownWhenDatabaseStops() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        PostgresTestResource.current().close();

        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
