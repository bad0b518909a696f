package io.exchangebridge.importer.security;

import io.exchangebridge.testing.BearerTokenContract;
import io.exchangebridge.testing.LocalIssuerTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bearer JWTs on this service's API: Kubernetes service accounts and Entra app tokens, beside Basic. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(LocalIssuerTestResource.class)
class BearerTokenTest extends BearerTokenContract {

    @Override
    protected ServiceRoleRequest serviceRoleRequest() {
        // Bridge.Import is trigger, which may list import runs.
        return new ServiceRoleRequest("Bridge.Import", "GET", "/api/imports", null, 200);
    }
}
