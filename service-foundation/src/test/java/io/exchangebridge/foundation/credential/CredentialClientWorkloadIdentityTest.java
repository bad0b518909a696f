package io.exchangebridge.foundation.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * {@code credential-client.auth=oidc-client} as on AKS with workload identity: no secret, the federated token the
 * webhook mounts is the client assertion ({@code credentials.jwt.source=bearer}, {@code credentials.jwt.token-path}).
 */
@QuarkusTest
@QuarkusTestResource(FakeCredentialService.class)
@TestProfile(CredentialClientWorkloadIdentityTest.WorkloadIdentity.class)
class CredentialClientWorkloadIdentityTest {

    /** The same path in the profile's and the test's class loader. */
    static final Path FILE = Path.of("target", "azure-identity", "azure-identity-token").toAbsolutePath();

    /** The named client {@code credential-service} with the federated token file as client assertion. */
    public static class WorkloadIdentity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, assertion());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("credential-client.auth", "oidc-client",
                    "quarkus.oidc-client.credential-service.discovery-enabled", "false",
                    "quarkus.oidc-client.credential-service.token-path", "${credential-client.url}oauth2/v2.0/token",
                    "quarkus.oidc-client.credential-service.client-id", "00000000-0000-4000-8000-0000000000c1",
                    "quarkus.oidc-client.credential-service.credentials.jwt.source", "bearer",
                    "quarkus.oidc-client.credential-service.credentials.jwt.token-path", FILE.toString(),
                    // A loaded CI machine: the token request and the call after it share this timeout.
                    "credential-client.timeout", "PT10S");
        }
    }

    @Inject
    CredentialClient client;

    @BeforeEach
    void fresh() {
        FakeCredentialService.reset();
    }

    @Test
    void sendsTheFederatedTokenAsClientAssertionAndTheAnswerAsBearer() throws IOException {
        client.token("workload", "graph");

        assertThat(FakeCredentialService.TOKEN_REQUESTS).singleElement().satisfies(request -> {
            assertThat(request.body()).contains("grant_type=client_credentials")
                    .contains("client_id=00000000-0000-4000-8000-0000000000c1")
                    .contains("client_assertion_type=" + URLEncoder.encode(
                            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8))
                    .contains("client_assertion=" + Files.readString(FILE))
                    .contains("scope=api%3A%2F%2Fexchange-bridge%2F.default")
                    .doesNotContain("client_secret");
            assertThat(request.authorization()).isNull();
        });
        assertThat(FakeCredentialService.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.authorization()).matches("Bearer oidc-\\d+"));
    }

    /** What the workload identity webhook mounts: a JWT for api://AzureADTokenExchange (unsigned here). */
    static String assertion() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"system:serviceaccount:exchange-bridge:import-service\","
                        + "\"aud\":[\"api://AzureADTokenExchange\"],\"exp\":"
                        + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
                + ".c2ln";
    }
}
