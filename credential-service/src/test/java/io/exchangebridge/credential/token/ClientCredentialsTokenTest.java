package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.LogCapture;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** client_credentials with a secret against the simulator: hand-out, cache, per-resource tokens, config errors. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class ClientCredentialsTokenTest {

    static ExchangeSimulator sim() {
        return SimulatorTestResource.current();
    }

    static AppRegistration app(String clientId, String secret) {
        return sim().tenant(io.exchangebridge.credential.testing.Api.TENANT).app(clientId)
                .secret(secret, Instant.now().plus(Duration.ofDays(365)))
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp");
    }

    static long tokenRequests() {
        return sim().requestLog().count("entra", "token");
    }

    @Test
    void handsOutOneTokenPerResourceAndServesItFromCache() throws Exception {
        String clientId = UUID.randomUUID().toString();
        String secret = "cc-secret-" + UUID.randomUUID();
        app(clientId, secret);
        create(appCredential("cc-1", clientId, secret));
        long before = tokenRequests();

        try (LogCapture logs = LogCapture.start()) {
            String graph = token("app1", "cc-1", "graph").then().statusCode(200)
                    .body("tokenType", equalTo("Bearer"))
                    .body("resource", equalTo("graph"))
                    .extract().path("accessToken");
            AccessToken verified = sim().tokenVerifier().verify(graph);
            assertThat(verified.audience()).isEqualTo(Resources.GRAPH);
            assertThat(verified.roles()).contains("Mail.ReadWrite");
            assertThat(verified.appId()).isEqualTo(clientId);

            // Served from cache: no new token request.
            token("app1", "cc-1", "graph").then().statusCode(200).body("accessToken", equalTo(graph));
            token("app1", "cc-1", "https://graph.microsoft.com").then().statusCode(200)
                    .body("accessToken", equalTo(graph));
            assertThat(tokenRequests() - before).isEqualTo(1);

            String outlook = token("app1", "cc-1", "outlook").then().statusCode(200).extract().path("accessToken");
            assertThat(sim().tokenVerifier().verify(outlook).audience()).isEqualTo(Resources.OUTLOOK_365);
            assertThat(tokenRequests() - before).isEqualTo(2);

            admin().get("/api/credentials/cc-1").then().statusCode(200).body("status.state", equalTo("ACTIVE"));
            assertThat(logs.text()).doesNotContain(secret).doesNotContain(graph).doesNotContain(outlook);
        }
    }

    @Test
    void unconfiguredResourceIsA400() {
        String clientId = UUID.randomUUID().toString();
        app(clientId, "s");
        var body = appCredential("cc-2", clientId, "s");
        body.put("scopes", java.util.Map.of("graph", java.util.List.of()));
        create(body);
        token("app1", "cc-2", "outlook").then().statusCode(400).body("detail", startsWith("Field 'resource'"));
        token("app1", "cc-nope", "graph").then().statusCode(404);
    }

    @Test
    void wrongSecretIsAConfigError() {
        String clientId = UUID.randomUUID().toString();
        app(clientId, "the-right-one");
        create(appCredential("cc-wrong", clientId, "a-wrong-secret"));
        long before = tokenRequests();

        try (LogCapture logs = LogCapture.start()) {
            token("app1", "cc-wrong", "graph").then().statusCode(409)
                    .body("credentialStatus", equalTo("CONFIG_ERROR"))
                    .body("code", equalTo("AADSTS7000215"));
            assertThat(logs.text()).doesNotContain("a-wrong-secret");
        }
        admin().get("/api/credentials/cc-wrong").then().statusCode(200)
                .body("status.state", equalTo("CONFIG_ERROR"))
                .body("status.code", equalTo("AADSTS7000215"))
                .body("status.explanation", startsWith("The client secret is wrong"));
        // No further calls until an administrator changes the credential.
        token("app1", "cc-wrong", "graph").then().statusCode(409);
        assertThat(tokenRequests() - before).isEqualTo(1);

        var fixed = appCredential("cc-wrong", clientId, "the-right-one");
        admin().body(fixed).put("/api/credentials/cc-wrong").then().statusCode(200)
                .body("status.state", equalTo("ACTIVE"));
        token("app1", "cc-wrong", "graph").then().statusCode(200);
    }

    @Test
    void expiredSecretIsAConfigError() {
        String clientId = UUID.randomUUID().toString();
        app(clientId, "expiring").expireSecret("expiring", Instant.now().minusSeconds(60));
        create(appCredential("cc-expired", clientId, "expiring"));
        token("app1", "cc-expired", "graph").then().statusCode(409)
                .body("credentialStatus", equalTo("CONFIG_ERROR"))
                .body("code", equalTo("AADSTS7000222"));
    }

    @Test
    void unknownAppIsAConfigError() {
        sim().tenant(io.exchangebridge.credential.testing.Api.TENANT);
        create(appCredential("cc-noapp", UUID.randomUUID().toString(), "whatever"));
        token("app1", "cc-noapp", "graph").then().statusCode(409)
                .body("credentialStatus", equalTo("CONFIG_ERROR"))
                .body("code", equalTo("AADSTS700016"));
    }

    @Test
    void clientsOnlyGetTheirCredentials() {
        String clientId = UUID.randomUUID().toString();
        app(clientId, "s2");
        create(appCredential("cc-app1-only", clientId, "s2"));
        create(appCredential("app2-mine", clientId, "s2"));
        token("app2", "cc-app1-only", "graph").then().statusCode(403);
        token("app2", "app2-mine", "graph").then().statusCode(200);
        token("admin", "app2-mine", "graph").then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body("{\"resource\":\"graph\"}")
                .post("/api/credentials/app2-mine/token").then().statusCode(401);
    }
}
