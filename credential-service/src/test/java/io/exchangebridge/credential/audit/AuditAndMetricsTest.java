package io.exchangebridge.credential.audit;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Audit entries for changes and hand-outs (never a token), expiry-soon flags, and Prometheus metrics. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class AuditAndMetricsTest {

    @Inject
    DataSource dataSource;

    @Test
    void changesAndHandoutsAreAuditedWithoutTokens() {
        String clientId = UUID.randomUUID().toString();
        SimulatorTestResource.current().tenant(Api.TENANT).app(clientId)
                .secret("audit-secret", Instant.now().plus(Duration.ofDays(365)));
        var body = appCredential("audit-1", clientId, "audit-secret");
        body.put("secretExpiresAt", Instant.now().plus(Duration.ofDays(5)).toString());
        admin().body(body).post("/api/credentials").then().statusCode(201).body("secretExpiresSoon", equalTo(true));
        String accessToken = token("app1", "audit-1", "graph").then().statusCode(200).extract().path("accessToken");
        token("app1", "audit-1", "graph").then().statusCode(200);
        token("app1", "audit-1", "graph").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> "3".equals(Sql.string(dataSource,
                "SELECT sum(count) FROM audit_log WHERE target = 'audit-1' AND action = 'token.handout'"
                        + " AND actor = 'app1' AND detail = 'graph' AND result = 'OK'")));
        assertThat(Sql.string(dataSource,
                "SELECT actor FROM audit_log WHERE target = 'audit-1' AND action = 'credential.create'"))
                .isEqualTo("admin");
        assertThat(Sql.string(dataSource, "SELECT count(*) FROM audit_log WHERE actor || action || target"
                + " || coalesce(detail, '') || result LIKE ?", "%" + accessToken.substring(0, 20) + "%"))
                .isEqualTo("0");

        var later = appCredential("audit-2", clientId, "audit-secret");
        later.put("secretExpiresAt", Instant.now().plus(Duration.ofDays(90)).toString());
        admin().body(later).post("/api/credentials").then().statusCode(201).body("secretExpiresSoon", equalTo(false));
    }

    @Test
    void prometheusShowsHandoutsEntraCallsAndStatuses() {
        String clientId = UUID.randomUUID().toString();
        SimulatorTestResource.current().tenant(Api.TENANT).app(clientId)
                .secret("metrics-secret", Instant.now().plus(Duration.ofDays(365)));
        admin().body(appCredential("metrics-1", clientId, "metrics-secret")).post("/api/credentials").then()
                .statusCode(201);
        token("app1", "metrics-1", "graph").then().statusCode(200);
        token("app1", "metrics-1", "graph").then().statusCode(200);
        admin().get("/q/metrics").then().statusCode(200)
                .body(containsString("credential_token_handouts_total{source=\"entra\"}"))
                .body(containsString("credential_token_handouts_total{source=\"memory\"}"))
                .body(containsString("credential_entra_calls_total{outcome=\"success\"}"))
                .body(containsString("credential_status{status=\"CONSENT_REQUIRED\"}"))
                .body(containsString("credential_status{status=\"ACTIVE\"}"))
                .body(containsString("credential_secret_expiring_soon"));
    }
}
