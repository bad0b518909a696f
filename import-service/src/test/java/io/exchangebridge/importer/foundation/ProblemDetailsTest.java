package io.exchangebridge.importer.foundation;

import static io.exchangebridge.importer.testing.Api.as;

import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.ProblemDetailsContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every error leaves as RFC 9457 problem+json, with no stack trace and no exception text. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ProblemDetailsTest extends ProblemDetailsContract {

    @Override
    protected RequestSpecification user() {
        return as("reader");
    }
}
