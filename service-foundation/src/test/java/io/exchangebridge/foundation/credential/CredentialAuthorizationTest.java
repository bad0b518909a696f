package io.exchangebridge.foundation.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Each {@code credential-client.auth} mode without its settings stops the start, naming what is missing. */
class CredentialAuthorizationTest {

    private static final String CLIENT = "quarkus.oidc-client.credential-service.";

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>();

    @Test
    void basicSendsTheUserAndPasswordAndShowsNeither() {
        CredentialAuthorization basic = of(config(CredentialClientConfig.Auth.BASIC, Optional.of("s3cret")));
        assertThat(basic.header()).isEqualTo("Basic aW1wb3J0ZXI6czNjcmV0");
        assertThat(basic.toString()).doesNotContain("s3cret").doesNotContain("aW1wb3J0ZXI6czNjcmV0");
        assertThat(of(config(CredentialClientConfig.Auth.BASIC, Optional.empty())).header()).isNull();
    }

    @Test
    void aMissingOrEmptyTokenFileStopsTheStart() throws IOException {
        Path file = dir.resolve("token");
        assertThatThrownBy(() -> of(tokenFile(file))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("credential-client.auth=token-file")
                .hasMessageContaining("credential-client.token-file=" + file + " cannot be read")
                .hasMessageContaining("audience exchange-bridge");
        Files.writeString(file, " \n");
        assertThatThrownBy(() -> of(tokenFile(file))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + " is empty");
        Files.writeString(file, "a-token\n");
        assertThat(of(tokenFile(file)).header()).isEqualTo("Bearer a-token");
    }

    @Test
    void anOidcClientWithoutItsSettingsStopsTheStartNamingEachAndNoSecret() {
        assertThatThrownBy(() -> of(config(CredentialClientConfig.Auth.OIDC_CLIENT, Optional.empty())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("credential-client.auth=oidc-client")
                .hasMessageContaining(CLIENT + "client-id")
                .hasMessageContaining(CLIENT + "auth-server-url")
                .hasMessageContaining(CLIENT + "credentials.secret, or " + CLIENT + "credentials.jwt.source=bearer");

        properties.put(CLIENT + "credentials.secret", "top-secret");
        properties.put(CLIENT + "auth-server-url", "https://login.microsoftonline.com/t/v2.0");
        assertThatThrownBy(() -> of(config(CredentialClientConfig.Auth.OIDC_CLIENT, Optional.empty())))
                .hasMessageContaining("lacks " + CLIENT + "client-id (deploy/README.md)")
                .hasMessageNotContaining("top-secret");

        properties.put(CLIENT + "client-id", "app");
        assertThat(of(config(CredentialClientConfig.Auth.OIDC_CLIENT, Optional.empty())).remedy())
                .contains("give the app app");
    }

    @Test
    void aWorkloadIdentityAssertionMustBeABearerSourceAndReadable() throws IOException {
        properties.put(CLIENT + "client-id", "app");
        properties.put(CLIENT + "auth-server-url", "https://login.microsoftonline.com/t/v2.0");
        Path file = dir.resolve("azure-identity-token");
        properties.put(CLIENT + "credentials.jwt.token-path", file.toString());
        assertThatThrownBy(() -> of(config(CredentialClientConfig.Auth.OIDC_CLIENT, Optional.empty())))
                .hasMessageContaining("set " + CLIENT + "credentials.jwt.source=bearer");

        properties.put(CLIENT + "credentials.jwt.source", "bearer");
        assertThatThrownBy(() -> of(config(CredentialClientConfig.Auth.OIDC_CLIENT, Optional.empty())))
                .hasMessageContaining("credentials.jwt.token-path=" + file + " cannot be read")
                .hasMessageContaining("azure.workload.identity/use");

        Files.writeString(file, "federated");
        assertThat(of(config(CredentialClientConfig.Auth.OIDC_CLIENT, Optional.empty())))
                .isInstanceOf(CredentialAuthorization.OidcClientToken.class);
    }

    private CredentialAuthorization of(CredentialClientConfig config) {
        return CredentialAuthorization.of(config, name -> Optional.ofNullable(properties.get(name)), () -> {
            throw new AssertionError("no OIDC client at start");
        }, new ObjectMapper());
    }

    private static CredentialClientConfig tokenFile(Path file) {
        return config(CredentialClientConfig.Auth.TOKEN_FILE, Optional.empty(), file);
    }

    private static CredentialClientConfig config(CredentialClientConfig.Auth auth, Optional<String> password) {
        return config(auth, password, Path.of("/var/run/secrets/exchange-bridge/token"));
    }

    private static CredentialClientConfig config(CredentialClientConfig.Auth auth, Optional<String> password,
            Path tokenFile) {
        return new CredentialClientConfig() {
            @Override
            public Auth auth() {
                return auth;
            }

            @Override
            public Path tokenFile() {
                return tokenFile;
            }

            @Override
            public URI url() {
                return URI.create("http://localhost:8081");
            }

            @Override
            public String username() {
                return "importer";
            }

            @Override
            public Optional<String> password() {
                return password;
            }

            @Override
            public Duration refreshMargin() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }
        };
    }
}
