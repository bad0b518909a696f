package io.exchangebridge.testing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.restassured.specification.RequestSpecification;

/**
 * Every error leaves as RFC 9457 problem+json, with no stack trace and no exception text. Runs against the service's
 * test-only {@code /test-problems} resource, which must stay in the service's test sources so that Quarkus builds it
 * into the application: {@code POST /echo} echoes {@code {"name": string, "count": int}}, {@code GET /boom} throws an
 * exception whose message holds {@code password=s3cr3t}, {@code GET /conflict} throws a 409 problem with detail
 * "Credential 'x' already exists.".
 */
public abstract class ProblemDetailsContract {

    /** A user allowed to call {@code /test-problems}: every path but health needs one. */
    protected abstract RequestSpecification user();

    @Test
    public void malformedJsonIsA400Problem() {
        user().contentType("application/json").body("{\"name\": ")
                .when().post("/test-problems/echo")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", equalTo("The request body is not valid JSON."))
                .body("instance", equalTo("/test-problems/echo"));
    }

    /**
     * A problem names the trace of the request that failed (issue 21), so that a support ticket can quote it: the
     * caller's own trace when it sent a W3C traceparent, a new one otherwise.
     */
    @Test
    public void aProblemNamesTheTraceOfItsRequest() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        user().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .when().get("/test-problems/conflict")
                .then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("traceId", equalTo(traceId));
        user().when().get("/test-problems/boom")
                .then().statusCode(500)
                .body("traceId", matchesPattern("[0-9a-f]{32}"))
                .body("traceId", not(equalTo(traceId)));
    }

    @Test
    public void unknownFieldIsNamed() {
        user().contentType("application/json").body("{\"name\":\"a\",\"extra\":1}")
                .when().post("/test-problems/echo")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Unknown field 'extra'."));
    }

    @Test
    public void wrongTypeIsNamed() {
        user().contentType("application/json").body("{\"name\":\"a\",\"count\":\"many\"}")
                .when().post("/test-problems/echo")
                .then().statusCode(400)
                .body("detail", equalTo("Field 'count' has the wrong type or format."));
    }

    @Test
    public void unexpectedFailureHidesItsMessage() {
        user().when().get("/test-problems/boom")
                .then().statusCode(500)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Internal Server Error"))
                .body(not(containsString("s3cr3t")))
                .body(not(containsString("at io.exchangebridge")));
    }

    @Test
    public void unknownPathIsA404Problem() {
        user().when().get("/test-problems/nowhere/else")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
    }

    @Test
    public void wrongMethodIsA405Problem() {
        user().when().delete("/test-problems/boom")
                .then().statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(405));
    }

    @Test
    public void explicitProblemKeepsItsDetail() {
        user().when().get("/test-problems/conflict")
                .then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Credential 'x' already exists."));
    }
}
