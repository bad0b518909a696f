package io.exchangebridge.credential.foundation;

import static io.restassured.RestAssured.given;

import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.ProblemDetailsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every error leaves as RFC 9457 problem+json, with no stack trace and no exception text. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ProblemDetailsTest extends ProblemDetailsContract {

    /** Every path but health and the OAuth callback needs a user. */
    @Override
    protected RequestSpecification user() {
        return given().auth().preemptive().basic("admin", "admin-pass");
    }
}
