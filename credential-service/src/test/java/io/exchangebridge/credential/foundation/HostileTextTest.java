package io.exchangebridge.credential.foundation;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.Set;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.testing.HostileTextContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Text PostgreSQL cannot store is refused by every operation of the credential-service's API. */
@QuarkusTest
// A database and application of its own: row counts before and after the sweep must see only the sweep, not the
// scheduled work of other test classes' credentials, mailboxes or messages.
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HostileTextTest extends HostileTextContract {

    @Override
    protected RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-pass");
    }

    @Override
    protected RequestSpecification caller(String method, String path) {
        if (path.endsWith("/token")) {
            return given().auth().preemptive().basic("app1", "app1-pass");
        }
        return path.startsWith("/OAuth2Callback") ? given() : admin();
    }

    @Override
    protected Object validBody(String method, String path) {
        if (path.endsWith("/token")) {
            return Map.of("resource", "graph");
        }
        if (path.endsWith("/secret")) {
            return Map.of("clientSecret", "s3cret");
        }
        return path.startsWith("/api/credentials") ? Api.appCredential("hostile-1", "hostile-client", "s3cret") : null;
    }

    @Override
    protected Set<String> multiLineFields() {
        // Entra's error_description carries "\r\nTrace ID: ..." lines
        return Set.of("CredentialRequest.certificatePem", "CredentialRequest.privateKeyPem",
                "query:error_description");
    }
}
