package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static io.exchangebridge.simulator.entra.EntraTestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.entra.EntraTestClient.Answer;
import io.exchangebridge.simulator.http.Json;

/** The token endpoint's grants and every error row of the facts file, asserted on status, error and AADSTS code. */
class TokenEndpointTest {

    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
    private static final String MAIL = "https://graph.microsoft.com/Mail.ReadWrite offline_access openid profile";

    private ExchangeSimulator sim;
    private AppRegistration app;
    private EntraTestClient entra;

    @BeforeEach
    void start() {
        sim = ExchangeSimulator.builder().start();
        app = EntraSeed.seed(sim);
        entra = new EntraTestClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void clientCredentialsAnswerAnApplicationTokenWithoutRefreshToken() throws Exception {
        Answer answer = entra.clientCredentials(SECRET, GRAPH_DEFAULT);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsEntry("token_type", "Bearer").containsKeys("expires_in", "ext_expires_in")
                .doesNotContainKeys("refresh_token", "id_token");
        var token = sim.tokenVerifier().verify(answer.string("access_token"));
        assertThat(token.roles()).containsExactlyInAnyOrder("Mail.ReadWrite", "Mail.Send");
        assertThat(token.delegated()).isFalse();
        assertThat(claims(answer.string("access_token"))).containsEntry("ver", "2.0")
                .containsEntry("iss", sim.httpBaseUrl() + "/" + sim.tenant(TENANT).id() + "/v2.0")
                .containsEntry("appid", CLIENT_ID).containsEntry("azp", CLIENT_ID)
                .containsKeys("iat", "nbf", "exp", "oid", "tid");
    }

    @Test
    void tenantMayBeAddressedByIdAndSecretSentByHttpBasic() {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes());
        assertError(entra.token(sim.tenant(TENANT).id(), form("grant_type", "client_credentials", "scope",
                GRAPH_DEFAULT)), 400, "invalid_request", 900144);

        var withBasic = HttpRequest
                .newBuilder(URI.create(sim.tokenEndpoint(sim.tenant(TENANT).id())))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers
                        .ofString("grant_type=client_credentials&scope=" + EntraTestClient.enc(GRAPH_DEFAULT)))
                .build();
        assertThat(send(withBasic)).isEqualTo(200);
    }

    @Test
    void wrongSecretIsInvalidClient7000215() {
        assertError(entra.clientCredentials("wrong", GRAPH_DEFAULT), 401, "invalid_client", 7000215);
    }

    @Test
    void expiredSecretIsInvalidClient7000222() {
        app.expireSecret(SECRET, Instant.now().minusSeconds(60));
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), 401, "invalid_client", 7000222);
    }

    @Test
    void unknownDisabledOrDeletedAppIsInvalidClient700016() {
        assertError(entra.token(form("grant_type", "client_credentials", "client_id", "nope", "client_secret", SECRET,
                "scope", GRAPH_DEFAULT)), 401, "invalid_client", 700016);
        app.enabled(false);
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), 401, "invalid_client", 700016);
        app.enabled(true);
        sim.tenant(TENANT).deleteApp(CLIENT_ID);
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT), 401, "invalid_client", 700016);
    }

    @Test
    void missingSecretIsInvalidClient7000218() {
        assertError(entra.token(form("grant_type", "client_credentials", "client_id", CLIENT_ID, "scope",
                GRAPH_DEFAULT)), 401, "invalid_client", 7000218);
    }

    @Test
    void clientCredentialsNeedScopeAndDotDefault() {
        assertError(entra.token(form("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret",
                SECRET)), 400, "invalid_request", 900144);
        assertError(entra.clientCredentials(SECRET, "https://graph.microsoft.com/Mail.ReadWrite"), 400,
                "invalid_scope", 1002012);
    }

    @Test
    void graphAndOutlookScopesCannotBeMixed70011() {
        assertError(entra.clientCredentials(SECRET, GRAPH_DEFAULT + " https://outlook.office365.com/.default"), 400,
                "invalid_scope", 70011);
        assertError(entra.signInAndRedeem("Mail.ReadWrite https://outlook.office.com/SMTP.Send offline_access"), 400,
                "invalid_scope", 70011);
    }

    @Test
    void unknownTenantResourceAndGrantType() {
        assertError(entra.token("nowhere.onmicrosoft.com", form("grant_type", "client_credentials", "client_id",
                CLIENT_ID, "client_secret", SECRET, "scope", GRAPH_DEFAULT)), 400, "invalid_request", 90002);
        assertError(entra.clientCredentials(SECRET, "https://management.azure.com/.default"), 400, "invalid_resource",
                500011);
        assertError(entra.token(form("grant_type", "password", "client_id", CLIENT_ID)), 400,
                "unsupported_grant_type", 70003);
    }

    @Test
    void authorizationCodeAnswersDelegatedTokensWithRefreshAndIdToken() throws Exception {
        Answer answer = entra.signInAndRedeem(MAIL);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).containsKeys("refresh_token", "id_token").containsEntry("scope",
                "https://graph.microsoft.com/Mail.ReadWrite offline_access openid profile");
        var token = sim.tokenVerifier().verify(answer.string("access_token"));
        assertThat(token.upn()).contains(ALICE);
        assertThat(token.scopes()).containsExactly("Mail.ReadWrite");
        assertThat(claims(answer.string("id_token"))).containsEntry("aud", CLIENT_ID)
                .containsEntry("preferred_username", ALICE);
    }

    @Test
    void codeIsRedeemedOnce54005AndOnlyWithTheRightVerifier501481() {
        String code = entra.signIn(MAIL, ALICE, EntraTestClient.PASSWORD, "accept").get("code");
        assertError(entra.redeem(code, MAIL, "another-verifier-of-sufficient-length-0123456789"), 400, "invalid_grant",
                501481);
        String second = entra.signIn(MAIL, ALICE, EntraTestClient.PASSWORD, "accept").get("code");
        assertThat(entra.redeem(second, MAIL, EntraTestClient.VERIFIER).status()).isEqualTo(200);
        assertError(entra.redeem(second, MAIL, EntraTestClient.VERIFIER), 400, "invalid_grant", 54005);
    }

    @Test
    void refreshNeedsScope900144() {
        String refreshToken = entra.signInAndRedeem(MAIL).string("refresh_token");
        assertError(entra.token(form("grant_type", "refresh_token", "client_id", CLIENT_ID, "client_secret", SECRET,
                "refresh_token", refreshToken)), 400, "invalid_request", 900144);
    }

    @Test
    void everyRefreshRotatesAndTheOldTokenDiesAfterTheGracePeriod() {
        String first = entra.signInAndRedeem(MAIL).string("refresh_token");
        Answer refreshed = entra.refresh(first, MAIL);
        String second = refreshed.string("refresh_token");
        assertThat(second).isNotBlank().isNotEqualTo(first);

        assertThat(entra.refresh(first, MAIL).status()).as("within the grace period").isEqualTo(200);
        sim.clock().advance(sim.entraSettings().refreshTokenGracePeriod());
        assertError(entra.refresh(first, MAIL), 400, "invalid_grant", 70000);
        assertThat(entra.refresh(second, MAIL).status()).isEqualTo(200);
    }

    @Test
    void oneRefreshTokenMintsATokenPerResource() throws Exception {
        String refreshToken = entra.signInAndRedeem(MAIL).string("refresh_token");

        Answer outlook = entra.refresh(refreshToken, "https://outlook.office.com/SMTP.Send offline_access");

        var token = sim.tokenVerifier().verify(outlook.string("access_token"));
        assertThat(token.audience()).isEqualTo(Resources.OUTLOOK);
        assertThat(token.scopes()).containsExactly("SMTP.Send");
        assertThat(outlook.string("scope")).isEqualTo("https://outlook.office.com/SMTP.Send offline_access");
    }

    @Test
    void unconsentedScopeOnRefreshIs65001() {
        String refreshToken = entra.signInAndRedeem(MAIL).string("refresh_token");
        assertError(entra.refresh(refreshToken, "https://graph.microsoft.com/Calendars.Read"), 400, "invalid_grant",
                65001);
    }

    @Test
    void refreshTokenUnusedFor90DaysIs700082() {
        String refreshToken = entra.signInAndRedeem(MAIL).string("refresh_token");
        sim.clock().advance(Duration.ofDays(91));
        assertError(entra.refresh(refreshToken, MAIL), 400, "invalid_grant", 700082);
    }

    @Test
    void unknownOrForeignRefreshTokenIs70000() {
        assertError(entra.refresh("1.Agarbage", MAIL), 400, "invalid_grant", 70000);
    }

    @Test
    void certificateAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        TestCertificates.Credential registered = TestCertificates.selfSigned("registered");
        app.certificate(registered.certificate());
        String assertion = assertion(TestCertificates.rsa(), CLIENT_ID, CLIENT_ID, sim.tokenEndpoint(TENANT),
                "x5t#S256", thumbprint(registered));

        assertError(
                entra.token(form("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_assertion_type",
                        ClientAuthenticator.JWT_BEARER, "client_assertion", assertion, "scope", GRAPH_DEFAULT)),
                401,
                "invalid_client", 700027);
    }

    @Test
    void federatedAssertionOfARegisteredIssuerAndSubject() throws Exception {
        KeyPair cluster = TestCertificates.rsa();
        String issuer = "https://oidc.cluster.example/abc";
        String subject = "system:serviceaccount:bridge:credential-service";
        app.federatedCredential(issuer, subject, cluster.getPublic());

        Answer ok = federated(assertion(cluster, issuer, subject, "api://AzureADTokenExchange", null, null));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(sim.tokenVerifier().verify(ok.string("access_token")).roles()).contains("Mail.ReadWrite");

        assertError(federated(assertion(cluster, "https://elsewhere.example", subject, "api://AzureADTokenExchange",
                null, null)), 401, "invalid_client", 700211);
        assertError(federated(assertion(cluster, issuer, "system:serviceaccount:other:sa",
                "api://AzureADTokenExchange", null, null)), 401, "invalid_client", 700213);
        assertError(federated(assertion(TestCertificates.rsa(), issuer, subject, "api://AzureADTokenExchange", null,
                null)), 401, "invalid_client", 700027);
    }

    @Test
    void errorBodyHasEntrasExactShape() {
        var request = HttpRequest.newBuilder(URI.create(sim.tokenEndpoint(TENANT)))
                .header("client-request-id", "7d6c9e1a-0000-4000-8000-000000000001")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + CLIENT_ID + "&client_secret=wrong&scope=" + EntraTestClient.enc(GRAPH_DEFAULT)))
                .build();
        Answer answer = sendForAnswer(request);

        assertThat(answer.body()).containsOnlyKeys("error", "error_description", "error_codes", "timestamp",
                "trace_id", "correlation_id", "error_uri");
        assertThat(answer.string("error_description")).startsWith("AADSTS7000215: Invalid client secret provided.")
                .contains("\r\nTrace ID: " + answer.string("trace_id"))
                .contains("\r\nCorrelation ID: 7d6c9e1a-0000-4000-8000-000000000001").contains("\r\nTimestamp: ");
        assertThat(answer.string("correlation_id")).isEqualTo("7d6c9e1a-0000-4000-8000-000000000001");
        assertThat(answer.string("timestamp")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z");
        assertThat(answer.string("error_uri")).isEqualTo("https://login.microsoftonline.com/error?code=7000215");
    }

    @Test
    void everyTokenRequestIsLoggedWithGrantAppAndStatus() {
        entra.clientCredentials(SECRET, GRAPH_DEFAULT);
        entra.clientCredentials("wrong", GRAPH_DEFAULT);

        assertThat(sim.requestLog().records()).filteredOn(r -> r.endpoint().equals("token"))
                .extracting(r -> r.protocol() + " " + r.detail() + " " + r.appId() + " " + r.status())
                .containsExactly("entra client_credentials " + CLIENT_ID + " 200",
                        "entra client_credentials " + CLIENT_ID + " 401");
    }

    private Answer federated(String assertion) {
        return entra.token(form("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_assertion_type",
                ClientAuthenticator.JWT_BEARER, "client_assertion", assertion, "scope", GRAPH_DEFAULT));
    }

    static String assertion(KeyPair key, String issuer, String subject, String audience, String thumbprintHeader,
            String thumbprint) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        if (thumbprintHeader != null) {
            jws.setHeader(thumbprintHeader, thumbprint);
        }
        return jws.getCompactSerialization();
    }

    private static String thumbprint(TestCertificates.Credential credential) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest(credential.certificate().getEncoded()));
    }

    static void assertError(Answer answer, int status, String error, int code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.string("error")).isEqualTo(error);
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.string("error_description")).startsWith("AADSTS" + code + ": ");
    }

    static Map<String, Object> claims(String jwt) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return Json.MAPPER.readValue(payload, new TypeReference<>() {
        });
    }

    private int send(HttpRequest request) {
        return sendForAnswer(request).status();
    }

    private Answer sendForAnswer(HttpRequest request) {
        try {
            var response = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    Json.MAPPER.readValue(response.body(), new TypeReference<>() {
                    }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
