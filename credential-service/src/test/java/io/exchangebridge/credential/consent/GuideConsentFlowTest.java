package io.exchangebridge.credential.consent;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.SignIn;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Ultimo guides over the REST API, field for field, against the simulator: the authorization URL with
 * {@code ?prompt=select_account}, the access token URL, no tenant id, one Scope string; consent, then the token of the
 * one resource the string names.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class GuideConsentFlowTest {

    @TestHTTPResource("/")
    URL base;

    static ExchangeSimulator sim() {
        return SimulatorTestResource.current();
    }

    /** A credential as the guide fills it in, for a fresh app and user; returns the user's upn. */
    String guideCredential(String id, String scope) {
        String clientId = UUID.randomUUID().toString();
        String upn = id + "@contoso.onmicrosoft.com";
        var tenant = sim().tenant(Api.TENANT);
        tenant.user(upn).password("Passw0rd!");
        tenant.app(clientId).secret("guide-secret-" + id, Instant.now().plus(Duration.ofDays(365)))
                .redirectUri(base + "OAuth2Callback");
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("grantType", "authorization_code");
        body.put("authorizationUrl", sim().authorizeEndpoint(Api.TENANT) + "?prompt=select_account");
        body.put("tokenUrl", sim().authority(Api.TENANT) + "oauth2/v2.0/token");
        body.put("clientId", clientId);
        body.put("clientSecret", "guide-secret-" + id);
        body.put("scope", scope);
        admin().body(body).post("/api/credentials").then().statusCode(201).body("tenantId", equalTo(Api.TENANT));
        return upn;
    }

    void consent(String id, String upn) throws Exception {
        URI authorize = URI.create(admin().redirects().follow(false).get("/api/credentials/" + id + "/consent")
                .then().statusCode(302).extract().header("Location"));
        assertThat(authorize.getRawQuery().split("prompt=", -1)).as("prompt sent once").hasSize(2);
        assertThat(SignIn.query(authorize)).containsEntry("prompt", "select_account");
        URI callback = SignIn.signIn(sim(), authorize, upn, "Passw0rd!", true);
        given().redirects().follow(false).get(callback).then().statusCode(200)
                .body(containsString("connected as " + upn));
        admin().get("/api/credentials/" + id).then().body("status.state", equalTo("ACTIVE"))
                .body("consent.upn", equalTo(upn));
    }

    /** The token of the credential's one resource: its audience and scopes, for the signed-in user; no other. */
    AccessToken onlyToken(String id, String upn, String resource, String otherResource) throws Exception {
        String token = token("app1", id, resource).then().statusCode(200).body("resource", equalTo(resource))
                .extract().path("accessToken");
        AccessToken t = sim().tokenVerifier().verify(token);
        assertThat(t.upn()).contains(upn);
        token("app1", id, otherResource).then().statusCode(400);
        return t;
    }

    @Test
    void emailImportWithDelegatedPermissionsHandsOutAGraphToken() throws Exception {
        String upn = guideCredential("guide-graph", "Mail.ReadWrite offline_access");
        consent("guide-graph", upn);
        AccessToken t = onlyToken("guide-graph", upn, "graph", "outlook");
        assertThat(t.audience()).isEqualTo(Resources.GRAPH);
        assertThat(t.scopes()).contains("Mail.ReadWrite");
    }

    @Test
    void customSmtpWithDelegatedSmtpSendHandsOutAnOutlookToken() throws Exception {
        String upn = guideCredential("guide-smtp", "https://outlook.office.com/SMTP.Send offline_access");
        consent("guide-smtp", upn);
        AccessToken t = onlyToken("guide-smtp", upn, "outlook", "graph");
        assertThat(t.audience()).isEqualTo(Resources.OUTLOOK);
        assertThat(t.scopes()).contains("SMTP.Send").doesNotContain("Mail.ReadWrite");
    }
}
