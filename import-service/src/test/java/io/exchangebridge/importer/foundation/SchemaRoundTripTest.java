package io.exchangebridge.importer.foundation;

import io.exchangebridge.testing.PostgresTestResource;
import io.exchangebridge.testing.SchemaRoundTripContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Flyway migrated the real PostgreSQL and the tables take and give back rows. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SchemaRoundTripTest extends SchemaRoundTripContract {

    @Override
    protected String schemaName() {
        return "importer";
    }
}
