package io.exchangebridge.credential.consent;

import static io.exchangebridge.credential.testing.Api.admin;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.delegatedCredential;
import static io.exchangebridge.credential.testing.Api.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.crypto.SecretCipher;
import io.exchangebridge.credential.testing.Api;
import io.exchangebridge.credential.testing.LogCapture;
import io.exchangebridge.credential.testing.SignIn;
import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.Sql;
import io.exchangebridge.credential.token.KeepAliveJob;
import io.exchangebridge.credential.token.TokenService;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The authorization code flow end to end against the simulator: consent with state + PKCE, the callback, delegated
 * tokens per resource, refresh-token rotation persisted (and the old one never used again), the grant's failures, and a
 * callback with a bad, replayed or declined state that never exchanges anything.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class ConsentFlowTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    DataSource dataSource;
    @Inject
    SecretCipher cipher;
    @Inject
    TokenService tokens;
    @Inject
    KeepAliveJob job;

    static ExchangeSimulator sim() {
        return SimulatorTestResource.current();
    }

    static long tokenRequests() {
        return sim().requestLog().count("entra", "token");
    }

    /** A delegated credential of a fresh app and user; returns the user's upn. */
    String setUp(String id) {
        String clientId = UUID.randomUUID().toString();
        String upn = id + "@contoso.onmicrosoft.com";
        var tenant = sim().tenant(Api.TENANT);
        tenant.user(upn).password("Passw0rd!");
        tenant.app(clientId).secret("app-secret-" + id, Instant.now().plus(Duration.ofDays(365)))
                .redirectUri(base + "OAuth2Callback");
        create(delegatedCredential(id, clientId, "app-secret-" + id));
        return upn;
    }

    URI startConsent(String id) {
        String location = admin().redirects().follow(false).get("/api/credentials/" + id + "/consent")
                .then().statusCode(302).extract().header("Location");
        return URI.create(location);
    }

    /** Consent through the browser flow; returns the callback URL the browser was sent to. */
    URI consent(String id, String upn) throws Exception {
        URI callback = SignIn.signIn(sim(), startConsent(id), upn, "Passw0rd!", true);
        given().redirects().follow(false).get(callback).then().statusCode(200)
                .body(containsString("connected as " + upn));
        return callback;
    }

    String refreshToken(String id) {
        String sealed = Sql.string(dataSource, "SELECT refresh_token_enc FROM credential WHERE id = ?", id);
        return sealed == null
                ? null
                : cipher.decrypt(sealed, "credential/" + id + "/" + CredentialService.REFRESH_TOKEN);
    }

    @Test
    void consentRedirectCarriesStatePkceAndSelectAccount() {
        setUp("del-redirect");
        URI authorize = startConsent("del-redirect");
        Map<String, String> q = SignIn.query(authorize);
        assertThat(authorize.toString()).startsWith(sim().authorizeEndpoint(Api.TENANT));
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("code_challenge")).hasSize(43);
        assertThat(q).containsEntry("code_challenge_method", "S256").containsEntry("prompt", "select_account")
                .containsEntry("response_type", "code").containsEntry("redirect_uri", base + "OAuth2Callback");
        assertThat(q.get("scope").split(" ")).contains("https://graph.microsoft.com/Mail.ReadWrite",
                "https://outlook.office.com/SMTP.Send", "offline_access");
        assertThat(SignIn.query(startConsent("del-redirect")).get("state")).isNotEqualTo(q.get("state"));
    }

    @Test
    void consentThenTokensPerResourceWithRotationPersisted() throws Exception {
        String upn = setUp("del-1");
        try (LogCapture logs = LogCapture.start()) {
            consent("del-1", upn);
            admin().get("/api/credentials/del-1").then().statusCode(200)
                    .body("status.state", equalTo("ACTIVE"))
                    .body("consent.upn", equalTo(upn))
                    .body(not(containsString("app-secret-del-1")));
            String rt1 = refreshToken("del-1");
            assertThat(rt1).isNotBlank();
            long before = tokenRequests();

            // Graph: the token of the code exchange, no new call.
            String graph = token("app1", "del-1", "graph").then().statusCode(200).extract().path("accessToken");
            AccessToken g = sim().tokenVerifier().verify(graph);
            assertThat(g.audience()).isEqualTo(Resources.GRAPH);
            assertThat(g.upn()).contains(upn);
            assertThat(tokenRequests()).isEqualTo(before);

            // Outlook: one refresh grant, a token for Outlook only, and the rotated refresh token stored.
            String outlook = token("app1", "del-1", "outlook").then().statusCode(200).extract().path("accessToken");
            AccessToken o = sim().tokenVerifier().verify(outlook);
            assertThat(o.audience()).isEqualTo(Resources.OUTLOOK);
            assertThat(o.scopes()).contains("SMTP.Send").doesNotContain("Mail.ReadWrite");
            assertThat(tokenRequests()).isEqualTo(before + 1);
            String rt2 = refreshToken("del-1");
            assertThat(rt2).isNotEqualTo(rt1);

            // The old refresh token is dead at Entra: the next refresh must use the new one.
            assertThat(sim().entraFaults().revokeRefreshToken(rt1)).isTrue();
            Sql.expireTokens(dataSource, "del-1", -1);
            tokens.clearMemory();
            token("app1", "del-1", "graph").then().statusCode(200).body("accessToken", not(equalTo(graph)));
            assertThat(refreshToken("del-1")).isNotEqualTo(rt2);

            String text = logs.text();
            assertThat(text).doesNotContain(rt1).doesNotContain(rt2).doesNotContain(graph).doesNotContain(outlook)
                    .doesNotContain("app-secret-del-1");
        }
    }

    @Test
    void replayedBadAndDeclinedStatesNeverExchange() throws Exception {
        String upn = setUp("del-state");
        URI callback = consent("del-state", upn);
        long before = tokenRequests();

        given().redirects().follow(false).get(callback).then().statusCode(400)
                .body(containsString("already used"));
        given().get("/OAuth2Callback?state=forged&code=abc").then().statusCode(400)
                .body(containsString("invalid, expired or was already used"));
        given().get("/OAuth2Callback?code=abc").then().statusCode(400);

        // A user who has not consented yet declines.
        String decliner = setUp("del-declined");
        URI declined = SignIn.signIn(sim(), startConsent("del-declined"), decliner, "Passw0rd!", false);
        assertThat(SignIn.query(declined)).containsEntry("error", "access_denied");
        given().redirects().follow(false).get(declined).then().statusCode(400)
                .body(containsString("access_denied")).body(containsString("Nothing was changed"));

        assertThat(tokenRequests()).isEqualTo(before);
        admin().get("/api/credentials/del-state").then().body("status.state", equalTo("ACTIVE"));
        admin().get("/api/credentials/del-declined").then().body("status.state", equalTo("CONSENT_REQUIRED"));
    }

    @Test
    void revokedGrantNeedsConsentAgain() throws Exception {
        String upn = setUp("del-revoked");
        consent("del-revoked", upn);
        sim().entraFaults().revokeAllGrants(upn);
        Sql.expireTokens(dataSource, "del-revoked", -1);
        tokens.clearMemory();
        token("app1", "del-revoked", "graph").then().statusCode(409)
                .body("credentialStatus", equalTo("CONSENT_REQUIRED"))
                .body("code", equalTo("AADSTS50173"))
                .body("consentUrl", endsWith("/api/credentials/del-revoked/consent"));
        admin().get("/api/credentials/del-revoked").then().body("status.state", equalTo("CONSENT_REQUIRED"));

        // Consent again: tokens flow again.
        consent("del-revoked", upn);
        token("app1", "del-revoked", "outlook").then().statusCode(200);
    }

    @Test
    void expiredOrRevokedRefreshTokenNeedsConsentAgain() throws Exception {
        String upn = setUp("del-expired");
        consent("del-expired", upn);
        assertThat(sim().entraFaults().expireRefreshToken(refreshToken("del-expired"))).isTrue();
        token("app1", "del-expired", "outlook").then().statusCode(409)
                .body("credentialStatus", equalTo("CONSENT_REQUIRED"))
                .body("code", equalTo("AADSTS700082"));
        assertThat(refreshToken("del-expired")).isNull();

        String other = setUp("del-rt-revoked");
        consent("del-rt-revoked", other);
        assertThat(sim().entraFaults().revokeRefreshToken(refreshToken("del-rt-revoked"))).isTrue();
        token("app1", "del-rt-revoked", "outlook").then().statusCode(409)
                .body("credentialStatus", equalTo("CONSENT_REQUIRED"))
                .body("code", equalTo("AADSTS70008"));
    }

    @Test
    void inactiveRefreshTokenNeedsConsentAgain() throws Exception {
        String upn = setUp("del-inactive");
        consent("del-inactive", upn);
        sim().clock().advance(Duration.ofDays(91));
        try {
            token("app1", "del-inactive", "outlook").then().statusCode(409)
                    .body("credentialStatus", equalTo("CONSENT_REQUIRED"))
                    .body("code", equalTo("AADSTS700082"));
        } finally {
            sim().clock().reset();
        }
    }

    @Test
    void keepAliveRefreshesOnlyWhenDue() throws Exception {
        String upn = setUp("del-keepalive");
        consent("del-keepalive", upn);
        String rt = refreshToken("del-keepalive");
        long before = tokenRequests();
        assertThat(tokens.keepAlive("del-keepalive", Duration.ofHours(24))).isFalse();
        assertThat(tokenRequests()).isEqualTo(before);

        Sql.update(dataSource, "UPDATE credential SET refresh_token_at = now() - interval '25 hours' WHERE id = ?",
                "del-keepalive");
        assertThat(job.runOnce()).isGreaterThanOrEqualTo(1);
        assertThat(tokenRequests()).isGreaterThan(before);
        assertThat(refreshToken("del-keepalive")).isNotEqualTo(rt);
    }
}
