package io.exchangebridge.credential.credential;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Credentials CRUD: validation naming the field, 409, 404, write-only encrypted secrets, allow-listed hosts. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CredentialCrudTest {

    static final String SECRET = "very-secret-value-123";

    @Inject
    DataSource dataSource;

    static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-pass").contentType("application/json");
    }

    static Map<String, Object> appCredential(String id) {
        return Map.of("id", id, "grantType", "client_credentials", "tenantId", "contoso.onmicrosoft.com",
                "clientId", "11111111-2222-3333-4444-555555555555", "clientSecret", SECRET,
                "scopes", Map.of("graph", java.util.List.of()));
    }

    @Test
    void createReadUpdateDelete() throws Exception {
        admin().body(appCredential("crud-1")).post("/api/credentials")
                .then().statusCode(201)
                .header("Location", endsWith("/api/credentials/crud-1"))
                .body("id", equalTo("crud-1"))
                .body("clientSecretSet", equalTo(true))
                .body("tokenUrl",
                        equalTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"))
                .body("status.state", equalTo("ACTIVE"))
                .body(not(containsString(SECRET)));

        admin().get("/api/credentials/crud-1").then().statusCode(200).body(not(containsString(SECRET)));
        admin().get("/api/credentials").then().statusCode(200).body("id", hasItem("crud-1"))
                .body(not(containsString(SECRET)));

        String stored = storedSecret("crud-1");
        assertThat(stored).startsWith("v1.test1.").doesNotContain(SECRET);

        // PUT without a secret keeps the stored one.
        var update = new java.util.HashMap<>(appCredential("crud-1"));
        update.remove("clientSecret");
        update.put("description", "changed");
        admin().body(update).put("/api/credentials/crud-1")
                .then().statusCode(200).body("description", equalTo("changed")).body("clientSecretSet", equalTo(true));
        assertThat(storedSecret("crud-1")).isEqualTo(stored);

        admin().delete("/api/credentials/crud-1").then().statusCode(204);
        admin().get("/api/credentials/crud-1").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Credential 'crud-1' does not exist."));
        admin().delete("/api/credentials/crud-1").then().statusCode(404);
    }

    @Test
    void duplicateIdIsConflict() {
        admin().body(appCredential("dup-1")).post("/api/credentials").then().statusCode(201);
        admin().body(appCredential("dup-1")).post("/api/credentials")
                .then().statusCode(409).body("detail", equalTo("Credential 'dup-1' already exists."));
    }

    @Test
    void validationNamesTheField() {
        var missingTenant = new java.util.HashMap<>(appCredential("v-1"));
        missingTenant.remove("tenantId");
        admin().body(missingTenant).post("/api/credentials")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("Field 'tenantId'"));

        var badGrant = new java.util.HashMap<>(appCredential("v-2"));
        badGrant.put("grantType", "password");
        admin().body(badGrant).post("/api/credentials").then().statusCode(400)
                .body("detail", startsWith("Field 'grantType'"));

        var badId = new java.util.HashMap<>(appCredential("no/slash"));
        admin().body(badId).post("/api/credentials").then().statusCode(400).body("detail", startsWith("Field 'id'"));

        var noSecret = new java.util.HashMap<>(appCredential("v-3"));
        noSecret.remove("clientSecret");
        admin().body(noSecret).post("/api/credentials").then().statusCode(400)
                .body("detail", startsWith("Field 'clientSecret'"));

        var delegatedNoScopes = new java.util.HashMap<>(appCredential("v-4"));
        delegatedNoScopes.put("grantType", "authorization_code");
        admin().body(delegatedNoScopes).post("/api/credentials").then().statusCode(400)
                .body("detail", startsWith("Field 'scopes.graph'"));

        var unknownField = new java.util.HashMap<>(appCredential("v-5"));
        unknownField.put("password", "x");
        admin().body(unknownField).post("/api/credentials").then().statusCode(400)
                .body("detail", equalTo("Unknown field 'password'."));
    }

    @Test
    void authorityMustBeHttpsOnAnAllowedHost() {
        var evil = new java.util.HashMap<>(appCredential("ssrf-1"));
        evil.put("tokenUrl", "https://169.254.169.254/latest/meta-data");
        admin().body(evil).post("/api/credentials").then().statusCode(400)
                .body("detail", startsWith("Field 'tokenUrl' host '169.254.169.254' is not an allowed"));

        var plain = new java.util.HashMap<>(appCredential("ssrf-2"));
        plain.put("authorityHost", "http://login.microsoftonline.com");
        admin().body(plain).post("/api/credentials").then().statusCode(400)
                .body("detail", startsWith("Field 'authorityHost' must be an https URL"));

        var sovereign = new java.util.HashMap<>(appCredential("gov-1"));
        sovereign.put("authorityHost", "https://login.microsoftonline.us");
        admin().body(sovereign).post("/api/credentials").then().statusCode(201)
                .body("tokenUrl",
                        equalTo("https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    }

    @Test
    void delegatedCredentialNeedsConsent() {
        var delegated = new java.util.HashMap<String, Object>(appCredential("deleg-1"));
        delegated.put("grantType", "authorization_code");
        delegated.put("scopes", Map.of("graph", java.util.List.of("Mail.ReadWrite"), "outlook",
                java.util.List.of("SMTP.Send")));
        admin().body(delegated).post("/api/credentials").then().statusCode(201)
                .body("status.state", equalTo("CONSENT_REQUIRED"))
                .body("consent.consentPath", equalTo("/api/credentials/deleg-1/consent"))
                .body("authorizationUrl", endsWith("/contoso.onmicrosoft.com/oauth2/v2.0/authorize"));
    }

    @Test
    void onlyAdminsManageCredentials() {
        given().get("/api/credentials").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").get("/api/credentials").then().statusCode(401);
        given().auth().preemptive().basic("app1", "app1-pass").get("/api/credentials").then().statusCode(403);
    }

    private String storedSecret(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT client_secret_enc FROM credential WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
