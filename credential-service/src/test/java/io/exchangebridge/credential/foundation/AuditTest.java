package io.exchangebridge.credential.foundation;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.exchangebridge.testing.AuditContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The audit log's API: registering a credential is listed with who did it. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuditTest extends AuditContract {

    @Override
    protected String[] admin() {
        return new String[]{"admin", "admin-pass"};
    }

    @Override
    protected String[] nonAdmin() {
        return new String[]{"app1", "app1-pass"};
    }

    @Override
    protected Audited adminAction(String target, Map<String, String> headers) {
        given().auth().preemptive().basic("admin", "admin-pass").headers(headers).contentType("application/json")
                .body(Map.of("id", target, "grantType", "client_credentials", "tenantId", "contoso.onmicrosoft.com",
                        "clientId", "11111111-2222-3333-4444-555555555555", "clientSecret", "s3cret",
                        "scopes", Map.of("graph", List.of())))
                .post("/api/credentials").then().statusCode(201);
        return new Audited("credential.create", target);
    }
}
