package io.exchangebridge.credential.security;

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
        // Bridge.Token is token-client, and the app (principal: its azp) may use bearer-* credentials: an unknown one is a 404.
        return new ServiceRoleRequest("Bridge.Token", "POST", "/api/credentials/bearer-unknown/token",
                "{\"resource\":\"graph\"}", 404);
    }
}
