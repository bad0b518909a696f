package io.exchangebridge.smtp.security;

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
    protected String[] admin() {
        return new String[]{"admin", "test-admin-password"};
    }

    @Override
    protected ServiceRoleRequest serviceRoleRequest() {
        // Bridge.Send is sender, which may list the messages it submitted.
        return new ServiceRoleRequest("Bridge.Send", "GET", "/api/messages", null, 200);
    }
}
