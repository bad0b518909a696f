package io.exchangebridge.importer.foundation;

import static io.exchangebridge.importer.testing.Api.as;

import io.exchangebridge.testing.ObservabilityContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Health, metrics and OpenAPI answer, and readiness reflects the real, migrated database. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class ObservabilityTest extends ObservabilityContract {

    @Override
    protected RequestSpecification user() {
        return as("reader");
    }

    @Override
    protected String schemaVersion() {
        return "10"; // V10 the import jobs' traceparent
    }

    @Override
    protected String apiTitle() {
        return "Exchange Bridge import-service";
    }
}
