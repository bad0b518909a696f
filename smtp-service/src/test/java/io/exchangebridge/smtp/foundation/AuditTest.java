package io.exchangebridge.smtp.foundation;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.AuditContract;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit log's API: creating a sender route is listed with who did it ({@code route.create}, target the id the relay
 * gave the route).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class AuditTest extends AuditContract {

    @Override
    protected String[] admin() {
        return new String[]{"admin", "test-admin-password"};
    }

    @Override
    protected String[] nonAdmin() {
        return new String[]{"app", "test-sender-password"};
    }

    @Override
    protected Audited adminAction(String name, Map<String, String> headers) {
        String id = given().auth().preemptive().basic("admin", "test-admin-password").headers(headers)
                .contentType("application/json")
                .body(Map.of("sender", name + "@audit.example", "credentialId", "audit-credential", "mailbox",
                        "relay@audit.example", "transport", "SMTP"))
                .post("/api/routes").then().statusCode(201).extract().path("id");
        return new Audited("route.create", id);
    }
}
