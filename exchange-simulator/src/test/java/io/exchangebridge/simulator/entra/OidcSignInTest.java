package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.ALICE;
import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.PASSWORD;
import static io.exchangebridge.simulator.entra.EntraTestClient.REDIRECT_URI;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static io.exchangebridge.simulator.entra.EntraTestClient.VERIFIER;
import static io.exchangebridge.simulator.entra.EntraTestClient.challenge;
import static io.exchangebridge.simulator.entra.EntraTestClient.enc;
import static io.exchangebridge.simulator.entra.EntraTestClient.form;
import static io.exchangebridge.simulator.entra.EntraTestClient.hiddenFields;
import static io.exchangebridge.simulator.entra.EntraTestClient.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.User;
import io.exchangebridge.simulator.entra.EntraTestClient.Answer;
import io.exchangebridge.simulator.http.HttpExchanges;
import io.exchangebridge.simulator.http.Json;

/**
 * The simulator as the OpenID provider of a web application (quarkus-oidc's {@code web-app}: discovery, authorization
 * code with PKCE, a confidential client with {@code client_secret_basic}, the id token checked against the JWKS and the
 * discovery issuer), app roles and groups in the id token, and RP-initiated sign-out.
 */
class OidcSignInTest {

    private static final String BOB = "bob@contoso.onmicrosoft.com";
    private static final String GROUP = "0f2d8e57-7d34-4bd2-9a1e-3c1f4ab0c001";

    private final ExchangeSimulator sim = ExchangeSimulator.builder().start();
    private final AppRegistration app = EntraSeed.seed(sim);
    private final EntraTestClient entra = new EntraTestClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void webAppSignsInLikeQuarkusOidcAndTheIdTokenCarriesRolesAndGroups() throws Exception {
        User alice = sim.tenant(TENANT).user(ALICE).appRoles(CLIENT_ID, "Bridge.Admin", "Bridge.Read").groups(GROUP);
        app.groupMembershipClaims("SecurityGroup");
        String authServerUrl = sim.oidcAuthServerUrl(TENANT);
        assertThat(authServerUrl).isEqualTo(sim.httpsBaseUrl() + "/" + TENANT + "/v2.0");
        Map<String, Object> discovery = getJson(authServerUrl + "/.well-known/openid-configuration");

        // The browser walks the sign-in page the way quarkus-oidc sends it there: scope openid, PKCE, state, nonce.
        Map<String, String> authorize = form("response_type", "code", "client_id", CLIENT_ID, "scope", "openid",
                "redirect_uri", REDIRECT_URI, "state", "q-state", "nonce", "q-nonce", "code_challenge",
                challenge(VERIFIER), "code_challenge_method", "S256");
        String authorizeUrl = discovery.get("authorization_endpoint") + "?" + query(authorize);
        HttpResponse<String> signInPage = entra.get(authorizeUrl);
        assertThat(signInPage.body()).contains("<h1>Sign in</h1>");
        Map<String, String> credentials = hiddenFields(signInPage.body());
        credentials.put("login", ALICE);
        credentials.put("password", PASSWORD);
        HttpResponse<String> redirect = entra.post(URI.create(authorizeUrl).resolve(URI.create(authorizeUrl)
                .getRawPath()).toString(), credentials);
        assertThat(redirect.statusCode()).isEqualTo(302);
        Map<String, String> callback = HttpExchanges
                .parseForm(URI.create(redirect.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertThat(callback).containsEntry("state", "q-state").containsKey("code");

        String basic = Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokenResponse = entra.postWithAuthorization((String) discovery.get("token_endpoint"),
                "Basic " + basic, form("grant_type", "authorization_code", "code", callback.get("code"),
                        "redirect_uri", REDIRECT_URI, "code_verifier", VERIFIER));
        assertThat(tokenResponse.statusCode()).isEqualTo(200);
        Map<String, Object> tokens = Json.MAPPER.readValue(tokenResponse.body(), new TypeReference<>() {
        });
        assertThat(tokens).containsKeys("id_token", "access_token");

        JwtClaims idToken = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        jwks((String) discovery.get("jwks_uri"))))
                .setExpectedIssuer((String) discovery.get("issuer")).setExpectedAudience(CLIENT_ID)
                .setRequireExpirationTime().setRequireIssuedAt().build()
                .processToClaims((String) tokens.get("id_token"));
        assertThat(idToken.getClaimValue("nonce")).isEqualTo("q-nonce");
        assertThat(idToken.getStringClaimValue("preferred_username")).isEqualTo(ALICE);
        assertThat(idToken.getStringClaimValue("oid")).isEqualTo(alice.id());
        assertThat(idToken.getStringListClaimValue("roles")).containsExactly("Bridge.Admin", "Bridge.Read");
        assertThat(idToken.getStringListClaimValue("groups")).containsExactly(GROUP);
    }

    @Test
    void noRolesOrGroupsClaimWithoutAssignmentOrGroupMembershipClaims() throws Exception {
        sim.tenant(TENANT).user(ALICE).groups(GROUP).appRoles("another-app", "Bridge.Admin");
        JwtClaims withoutSetting = idTokenOf(ALICE);
        assertThat(withoutSetting.hasClaim("roles")).isFalse();
        assertThat(withoutSetting.hasClaim("groups")).isFalse();

        app.groupMembershipClaims("All");
        assertThat(idTokenOf(ALICE).getStringListClaimValue("groups")).containsExactly(GROUP);
        JwtClaims bob = idTokenOf(BOB);
        assertThat(bob.hasClaim("roles")).isFalse();
        assertThat(bob.hasClaim("groups")).isFalse();
    }

    @Test
    void delegatedTokenForTheAppItselfCarriesTheUsersAppRolesAndItsClientIdAsAudience() throws Exception {
        sim.tenant(TENANT).user(ALICE).appRoles(CLIENT_ID, "Bridge.Read");
        String scope = "api://" + CLIENT_ID + "/.default openid";
        Answer answer = entra.signInAndRedeem(scope);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JwtClaims access = claims(answer.string("access_token"));
        assertThat(access.getAudience()).containsExactly(CLIENT_ID);
        assertThat(access.getStringListClaimValue("roles")).containsExactly("Bridge.Read");
        assertThat(sim.tokenVerifier().verify(answer.string("access_token")).roles()).containsExactly("Bridge.Read");

        Answer graph = entra.signInAndRedeem("https://graph.microsoft.com/Mail.ReadWrite openid");
        assertThat(claims(graph.string("access_token")).hasClaim("roles")).isFalse();
    }

    @Test
    void groupMembershipClaimsRefusesWhatTheSimulatorDoesNotModel() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.groupMembershipClaims("DirectoryRole"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(app.groupMembershipClaims()).isEqualTo("None");
    }

    @Test
    void discoveryNamesTheEndSessionEndpointAndSignOutRedirectsOnlyToRegisteredUris() {
        Map<String, Object> discovery = getJson(sim.httpsBaseUrl() + "/" + TENANT
                + "/v2.0/.well-known/openid-configuration");
        String endSession = (String) discovery.get("end_session_endpoint");
        assertThat(endSession).isEqualTo(sim.httpsBaseUrl() + "/" + sim.tenant(TENANT).id() + "/oauth2/v2.0/logout");

        HttpResponse<String> back = entra.get(endSession + "?post_logout_redirect_uri=" + enc(REDIRECT_URI)
                + "&state=s-1&id_token_hint=x");
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue(REDIRECT_URI + "?state=s-1");

        HttpResponse<String> foreign = entra
                .get(endSession + "?post_logout_redirect_uri=" + enc("https://evil.example/after"));
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();
        assertThat(foreign.body()).contains("<h1>You signed out of your account</h1>");

        assertThat(entra.get(sim.logoutEndpoint(TENANT)).body())
                .contains("You signed out");
        assertThat(entra.get(sim.httpsBaseUrl() + "/nowhere.example/oauth2/v2.0/logout").statusCode())
                .isEqualTo(400);
        assertThat(sim.requestLog().records()).filteredOn(r -> r.endpoint().equals("logout"))
                .extracting(r -> r.detail())
                .containsExactly("redirect.signed-out", "page.signed-out", "page.signed-out", "error");

        // After signing out the next authorize shows the sign-in page again (the simulator keeps no SSO session).
        assertThat(entra.get(sim.httpsBaseUrl() + "/" + TENANT + "/oauth2/v2.0/authorize?"
                + query(entra.authorizeParams("openid"))).body()).contains("<h1>Sign in</h1>");
    }

    private JwtClaims idTokenOf(String login) throws Exception {
        String code = entra.signIn("openid profile", login, PASSWORD, "accept").get("code");
        Answer answer = entra.redeem(code, "openid profile", VERIFIER);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return claims(answer.string("id_token"));
    }

    private HttpsJwks jwks(String uri) {
        HttpsJwks jwks = new HttpsJwks(uri);
        org.jose4j.http.Get get = new org.jose4j.http.Get();
        get.setSslSocketFactory(sim.clientSslContext().getSocketFactory());
        jwks.setSimpleHttpGet(get);
        return jwks;
    }

    private Map<String, Object> getJson(String url) {
        try {
            return Json.MAPPER.readValue(entra.get(url).body(), new TypeReference<>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JwtClaims claims(String jwt) throws Exception {
        return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
