package io.exchangebridge.credential.foundation;

import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.ReadinessWhenDatabaseStopsContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness goes DOWN when PostgreSQL goes away (its own database: this test stops it). */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReadinessWhenDatabaseStopsTest extends ReadinessWhenDatabaseStopsContract {
}
