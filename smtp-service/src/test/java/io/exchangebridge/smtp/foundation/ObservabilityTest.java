package io.exchangebridge.smtp.foundation;

import io.exchangebridge.smtp.support.Api;
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
        return Api.admin();
    }

    @Override
    protected String schemaVersion() {
        return "9"; // V3 audit_log, V4 listing, V5 idempotency index, V6 statuses, V7 resend, retention and the status
        // webhook, V8 recipient limits, V9 the outbox traceparent
    }

    @Override
    protected String apiTitle() {
        return "Exchange Bridge smtp-service";
    }
}
