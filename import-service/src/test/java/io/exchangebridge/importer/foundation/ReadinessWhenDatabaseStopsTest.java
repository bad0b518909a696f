package io.exchangebridge.importer.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness goes DOWN when PostgreSQL goes away (its own database: this test stops it). */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReadinessWhenDatabaseStopsTest {

    @Test
    void readinessGoesDownWhenDatabaseStops() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        PostgresTestResource.current().close();

        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
