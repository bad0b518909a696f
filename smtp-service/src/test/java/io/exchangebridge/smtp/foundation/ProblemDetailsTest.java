package io.exchangebridge.smtp.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every error leaves as RFC 9457 problem+json, with no stack trace and no exception text. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ProblemDetailsTest {

    @Test
    void malformedJsonIsA400Problem() {
        given().auth().preemptive().basic("admin", "test-admin-password").contentType("application/json")
                .body("{\"name\": ")
                .when().post("/test-problems/echo")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", equalTo("The request body is not valid JSON."))
                .body("instance", equalTo("/test-problems/echo"));
    }

    @Test
    void unknownFieldIsNamed() {
        given().auth().preemptive().basic("admin", "test-admin-password").contentType("application/json")
                .body("{\"name\":\"a\",\"extra\":1}")
                .when().post("/test-problems/echo")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Unknown field 'extra'."));
    }

    @Test
    void wrongTypeIsNamed() {
        given().auth().preemptive().basic("admin", "test-admin-password").contentType("application/json")
                .body("{\"name\":\"a\",\"count\":\"many\"}")
                .when().post("/test-problems/echo")
                .then().statusCode(400)
                .body("detail", equalTo("Field 'count' has the wrong type or format."));
    }

    @Test
    void unexpectedFailureHidesItsMessage() {
        given().auth().preemptive().basic("admin", "test-admin-password").when().get("/test-problems/boom")
                .then().statusCode(500)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Internal Server Error"))
                .body(not(containsString("s3cr3t")))
                .body(not(containsString("at io.exchangebridge")));
    }

    @Test
    void unknownPathIsA404Problem() {
        given().auth().preemptive().basic("admin", "test-admin-password").when().get("/test-problems/nowhere/else")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }

    @Test
    void wrongMethodIsA405Problem() {
        given().auth().preemptive().basic("admin", "test-admin-password").when().delete("/test-problems/boom")
                .then().statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(405));
    }

    @Test
    void explicitProblemKeepsItsDetail() {
        given().auth().preemptive().basic("admin", "test-admin-password").when().get("/test-problems/conflict")
                .then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Credential 'x' already exists."));
    }
}
