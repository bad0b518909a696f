package io.exchangebridge.credential.foundation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.testing.HostileTextContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Text PostgreSQL cannot store is refused by every operation of the credential-service's API, and by the admin UI's
 * form posts (not in the OpenAPI document), which share the credential validation.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
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
        return path.startsWith("/api/credentials") ? Api.appCredential("hostile-1", "hostile-client", "s3cret") : null;
    }

    @Override
    protected Set<String> multiLineFields() {
        // Entra's error_description carries "\r\nTrace ID: ..." lines
        return Set.of("CredentialRequest.certificatePem", "CredentialRequest.privateKeyPem",
                "query:error_description");
    }

    @Test
    void adminUiFormPostsAreRefusedTooNot500() {
        admin().contentType("application/x-www-form-urlencoded").formParam("id", "ui-hostile")
                .formParam("description", "a\u0000b").formParam("grantType", "client_credentials")
                .when().post("/ui/credentials")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Form field 'description' contains a control character (U+0000)."));
        admin().when().get("/api/credentials/ui-hostile").then().statusCode(404);
    }
}
