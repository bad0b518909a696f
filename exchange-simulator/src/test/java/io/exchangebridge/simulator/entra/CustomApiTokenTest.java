package io.exchangebridge.simulator.entra;

import static io.exchangebridge.simulator.entra.EntraTestClient.CLIENT_ID;
import static io.exchangebridge.simulator.entra.EntraTestClient.SECRET;
import static io.exchangebridge.simulator.entra.EntraTestClient.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.entra.EntraTestClient.Answer;

/**
 * An app registration exposing an API (Application ID URI, app roles) and a client granted roles on it: client
 * credentials for {@code api://exchange-bridge/.default} give a v2 access token with the API's client id as {@code aud}
 * and the granted roles; an unknown API is AADSTS500011.
 */
class CustomApiTokenTest {

    private static final String API_ID = "7a1c3e55-0000-4000-8000-00000000a011";
    private static final String API_URI = "api://exchange-bridge";

    private final ExchangeSimulator sim = ExchangeSimulator.builder().start();
    private final AppRegistration client = EntraSeed.seed(sim);
    private final AppRegistration api = sim.tenant(TENANT).app(API_ID).displayName("Exchange Bridge API")
            .identifierUri(API_URI).appRole("Bridge.Token").appRole("Bridge.Read").appRole("Bridge.Admin");
    private final EntraTestClient entra = new EntraTestClient(sim);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void clientCredentialsForTheApplicationIdUriGiveTheApisClientIdAsAudienceAndTheGrantedRoles() throws Exception {
        client.applicationRoles(API_URI, "Bridge.Token", "Bridge.Read");

        Answer answer = entra.clientCredentials(SECRET, API_URI + "/.default");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JwtClaims claims = OidcSignInTest.claims(answer.string("access_token"));
        assertThat(claims.getAudience()).containsExactly(API_ID);
        assertThat(claims.getStringListClaimValue("roles")).containsExactly("Bridge.Read", "Bridge.Token");
        assertThat(claims.getStringClaimValue("azp")).isEqualTo(CLIENT_ID);
        assertThat(claims.getStringClaimValue("ver")).isEqualTo("2.0");
        assertThat(claims.getIssuer()).isEqualTo(sim.httpBaseUrl() + "/" + sim.tenant(TENANT).id() + "/v2.0");
        AccessToken verified = sim.tokenVerifier().verify(answer.string("access_token"));
        assertThat(verified.audience()).isEqualTo(API_ID);
        assertThat(verified.delegated()).isFalse();
    }

    @Test
    void theApisClientIdNamesTheSameResourceAndGrants() throws Exception {
        client.applicationRoles(API_ID, "Bridge.Admin");
        assertThat(client.applicationRoles(API_URI)).containsExactly("Bridge.Admin");

        for (String scope : new String[]{API_ID + "/.default", "api://" + API_ID + "/.default",
                API_URI + "/.default"}) {
            Answer answer = entra.clientCredentials(SECRET, scope);
            assertThat(answer.status()).as(scope).isEqualTo(200);
            JwtClaims claims = OidcSignInTest.claims(answer.string("access_token"));
            assertThat(claims.getAudience()).as(scope).containsExactly(API_ID);
            assertThat(claims.getStringListClaimValue("roles")).as(scope).containsExactly("Bridge.Admin");
        }
    }

    @Test
    void aClientWithoutGrantsGetsATokenWithoutRolesAndARoleNoLongerDefinedIsLeftOut() throws Exception {
        Answer none = entra.clientCredentials(SECRET, API_URI + "/.default");
        assertThat(none.status()).isEqualTo(200);
        assertThat(OidcSignInTest.claims(none.string("access_token")).hasClaim("roles")).isFalse();

        client.applicationRoles(API_URI, "Bridge.Token");
        assertThat(sim.tokens().applicationToken(client, API_URI)).satisfies(token -> assertThat(
                OidcSignInTest.claims(token).getStringListClaimValue("roles")).containsExactly("Bridge.Token"));
    }

    @Test
    void anUnknownApiIsAadsts500011() {
        Answer answer = entra.clientCredentials(SECRET, "api://nobody-here/.default");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.string("error")).isEqualTo("invalid_resource");
        assertThat(answer.errorCode()).isEqualTo(500011);
        assertThat(answer.string("error_description")).startsWith(
                "AADSTS500011: The resource principal named api://nobody-here was not found in the tenant named "
                        + TENANT);
    }

    @Test
    void theModelRefusesRolesTheApiDoesNotDefineAndApisThatDoNotExist() {
        assertThatThrownBy(() -> client.applicationRoles(API_URI, "Bridge.Token", "Bridge.Everything"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bridge.Everything");
        assertThatThrownBy(() -> client.applicationRoles("api://nobody-here", "Bridge.Token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api://nobody-here");
        assertThatThrownBy(() -> api.appRole("Two words")).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.applicationRoles(API_URI)).isEmpty();
    }

    @Test
    void msal4jGetsTheApiTokenWithClientCredentials() throws Exception {
        client.applicationRoles(API_URI, "Bridge.Token");
        ConfidentialClientApplication msal = ConfidentialClientApplication
                .builder(CLIENT_ID, ClientCredentialFactory.createFromSecret(SECRET))
                .authority(sim.authority(TENANT)).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(sim.clientSslContext().getSocketFactory()).build();

        String token = msal.acquireToken(ClientCredentialParameters.builder(Set.of(API_URI + "/.default")).build())
                .get().accessToken();

        assertThat(sim.tokenVerifier().verify(token).roles()).containsExactly("Bridge.Token");
        assertThat(sim.tokenVerifier().verify(token).audience()).isEqualTo(API_ID);
    }
}
