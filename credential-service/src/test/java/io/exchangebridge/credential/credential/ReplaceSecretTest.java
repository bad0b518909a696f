package io.exchangebridge.credential.credential;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.audit.AuditLog;
import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Replace secret (the Exact guide): {@code PUT /api/credentials/{id}/secret} keeps everything else, drops the cached
 * tokens, evaluates the status afresh, and is audited with the console's person.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class ReplaceSecretTest {

    @Inject
    DataSource dataSource;
    @Inject
    AuditLog auditLog;

    static ExchangeSimulator sim() {
        return SimulatorTestResource.current();
    }

    static long tokenRequests() {
        return sim().requestLog().count("entra", "token");
    }

    @Test
    void aNewSecretReplacesTheExpiredOneAndNothingElse() {
        String clientId = UUID.randomUUID().toString();
        var app = sim().tenant(Api.TENANT).app(clientId).secret("old-secret", Instant.now().plus(Duration.ofDays(1)))
                .applicationRoles(Resources.GRAPH, "Mail.Send");
        Map<String, Object> body = appCredential("exact-send", clientId, "old-secret");
        body.put("description", "ERP sends as an application");
        body.put("scopes", Map.of("graph", java.util.List.of()));
        body.put("secretExpiresAt", Instant.now().plus(Duration.ofDays(1)).toString());
        create(body);
        String first = token("app1", "exact-send", "graph").then().statusCode(200).extract().path("accessToken");
        String storedBefore = Sql.string(dataSource, "SELECT client_secret_enc FROM credential WHERE id = ?",
                "exact-send");

        // The old secret expires at Entra; the administrator enters the new one.
        app.secret("new-secret", Instant.now().plus(Duration.ofDays(730)))
                .expireSecret("old-secret", Instant.now().minusSeconds(60));
        Instant expires = Instant.now().plus(Duration.ofDays(730)).truncatedTo(ChronoUnit.SECONDS);
        admin().header(AuditTrail.ON_BEHALF_OF, "alice")
                .body(Map.of("clientSecret", "new-secret", "secretExpiresAt", expires.toString()))
                .put("/api/credentials/exact-send/secret").then().statusCode(200)
                .body("id", equalTo("exact-send"))
                .body("description", equalTo("ERP sends as an application"))
                .body("clientId", equalTo(clientId))
                .body("clientSecretSet", equalTo(true))
                .body("secretExpiresAt", equalTo(expires.toString()))
                .body("secretExpiresSoon", equalTo(false))
                .body("status.state", equalTo("ACTIVE"))
                .body("scope", equalTo("https://graph.microsoft.com/.default"))
                .body(not(containsString("new-secret")));
        assertThat(Sql.string(dataSource, "SELECT client_secret_enc FROM credential WHERE id = ?", "exact-send"))
                .isNotEqualTo(storedBefore).doesNotContain("new-secret");

        // The cached token is dropped: the next one is fetched from Entra with the new secret.
        long before = tokenRequests();
        String second = token("app1", "exact-send", "graph").then().statusCode(200).extract().path("accessToken");
        assertThat(second).isNotEqualTo(first);
        assertThat(tokenRequests()).isEqualTo(before + 1);

        auditLog.flush();
        admin().get("/api/audit?action=credential.secret-replace&target=exact-send").then().statusCode(200)
                .body("items.actor", hasItem("alice via admin"))
                .body(not(containsString("new-secret")));
    }

    @Test
    void aCredentialInConfigErrorIsReadyAgainAfterItsNewSecret() {
        String clientId = UUID.randomUUID().toString();
        var app = sim().tenant(Api.TENANT).app(clientId).secret("wrong-one", Instant.now().plus(Duration.ofDays(1)))
                .applicationRoles(Resources.GRAPH, "Mail.Send");
        create(appCredential("exact-wrong", clientId, "typo-secret"));
        token("app1", "exact-wrong", "graph").then().statusCode(409).body("credentialStatus", equalTo("CONFIG_ERROR"));
        app.secret("typo-secret-fixed", Instant.now().plus(Duration.ofDays(30)));
        admin().body(Map.of("clientSecret", "typo-secret-fixed")).put("/api/credentials/exact-wrong/secret").then()
                .statusCode(200).body("status.state", equalTo("ACTIVE"));
        token("app1", "exact-wrong", "graph").then().statusCode(200);
    }

    @Test
    void refusals() {
        create(appCredential("exact-refuse", UUID.randomUUID().toString(), "s1"));
        admin().body(Map.of("secretExpiresAt", Instant.now().plus(Duration.ofDays(9)).toString()))
                .put("/api/credentials/exact-refuse/secret").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("Field 'clientSecret' is required"));
        admin().body(
                Map.of("clientSecret", "s2", "secretExpiresAt", Instant.now().minus(Duration.ofDays(1)).toString()))
                .put("/api/credentials/exact-refuse/secret").then().statusCode(400)
                .body("detail", startsWith("Field 'secretExpiresAt' is in the past"));
        admin().body(Map.of("clientSecret", "s2", "other", "x")).put("/api/credentials/exact-refuse/secret").then()
                .statusCode(400).body("detail", equalTo("Unknown field 'other'."));
        admin().body(Map.of("clientSecret", "s2")).put("/api/credentials/nobody/secret").then().statusCode(404);
        Api.as("app1").body(Map.of("clientSecret", "s2")).put("/api/credentials/exact-refuse/secret").then()
                .statusCode(403);
        Map<String, Object> federated = appCredential("exact-federated", UUID.randomUUID().toString(), null);
        federated.remove("clientSecret");
        federated.put("clientAuthentication", "federated");
        federated.put("federatedTokenFile", "/var/run/secrets/azure/tokens/azure-identity-token");
        create(federated);
        admin().body(Map.of("clientSecret", "s2")).put("/api/credentials/exact-federated/secret").then()
                .statusCode(400).body("detail", startsWith("Field 'clientSecret' cannot be replaced: this credential "
                        + "authenticates with workload identity"));
    }
}
