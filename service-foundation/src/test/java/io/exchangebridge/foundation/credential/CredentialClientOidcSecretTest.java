package io.exchangebridge.foundation.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code credential-client.auth=oidc-client} with a client secret: quarkus-oidc-client gets a client-credentials token
 * for {@code api://exchange-bridge/.default} from an Entra-like token endpoint, the credential-service gets it as
 * bearer, it is reused until the credential-service refuses it.
 */
@QuarkusTest
@QuarkusTestResource(FakeCredentialService.class)
@TestProfile(CredentialClientOidcSecretTest.OidcSecret.class)
class CredentialClientOidcSecretTest {

    /** The named client {@code credential-service} with a secret, at the fake's token endpoint. */
    public static class OidcSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("credential-client.auth", "oidc-client",
                    "quarkus.oidc-client.credential-service.discovery-enabled", "false",
                    "quarkus.oidc-client.credential-service.token-path", "${credential-client.url}oauth2/v2.0/token",
                    "quarkus.oidc-client.credential-service.client-id", "import-app",
                    "quarkus.oidc-client.credential-service.credentials.secret", "app-secret",
                    // A loaded CI machine: the token request and the call after it share this timeout.
                    "credential-client.timeout", "PT10S");
        }
    }

    @Inject
    CredentialClient client;

    private static int credential;

    /** Starts without a cached bearer token: a refusal drops it (see {@link #aRefusedBearerTokenIsNotSentAgain}). */
    @BeforeEach
    void fresh() {
        FakeCredentialService.reset();
        FakeCredentialService.ANSWER.set(new FakeCredentialService.Answer(401, "", Map.of()));
        assertThatThrownBy(() -> client.token("app-cred-" + (++credential), "graph"))
                .isInstanceOf(CredentialFailure.AccessDenied.class);
        FakeCredentialService.reset();
    }

    @Test
    void getsAClientCredentialsTokenForTheBridgeApiAndSendsItAsBearer() {
        client.token("app-cred-" + (++credential), "graph");
        client.token("app-cred-" + (++credential), "graph");

        assertThat(FakeCredentialService.TOKEN_REQUESTS).singleElement().satisfies(request -> {
            assertThat(request.body()).contains("grant_type=client_credentials")
                    .contains("scope=api%3A%2F%2Fexchange-bridge%2F.default");
            assertThat(request.authorization()).startsWith("Basic ");
            assertThat(new String(Base64.getDecoder().decode(request.authorization().substring(6)),
                    StandardCharsets.UTF_8)).isEqualTo("import-app:app-secret");
        });
        assertThat(FakeCredentialService.RECEIVED).hasSize(2)
                .allSatisfy(r -> assertThat(r.authorization()).matches("Bearer oidc-\\d+"))
                .extracting(FakeCredentialService.Received::authorization).containsOnly(
                        FakeCredentialService.RECEIVED.get(0).authorization());
    }

    @Test
    void aRefusedBearerTokenIsNotSentAgain() {
        client.token("app-cred-" + (++credential), "graph");
        String first = FakeCredentialService.RECEIVED.get(0).authorization();

        FakeCredentialService.ANSWER.set(new FakeCredentialService.Answer(401, "", Map.of()));
        assertThatThrownBy(() -> client.token("app-cred-" + (++credential), "graph"))
                .isInstanceOf(CredentialFailure.AccessDenied.class)
                .hasMessageContaining("give the app import-app")
                .hasMessageContaining("Bridge.Token")
                .hasMessageNotContaining("oidc-");
        FakeCredentialService.ANSWER.set(null);
        client.token("app-cred-" + (++credential), "graph");

        assertThat(FakeCredentialService.TOKEN_REQUESTS).hasSize(2);
        assertThat(FakeCredentialService.RECEIVED.get(2).authorization()).matches("Bearer oidc-\\d+")
                .isNotEqualTo(first);
    }
}
