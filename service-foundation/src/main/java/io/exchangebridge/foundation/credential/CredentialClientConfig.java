package io.exchangebridge.foundation.credential;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a service reaches the credential-service: the same keys in every service that needs tokens
 * ({@code CREDENTIAL_CLIENT_URL}, {@code CREDENTIAL_CLIENT_USERNAME}, {@code CREDENTIAL_CLIENT_PASSWORD} as environment
 * variables). The foundation's own mapping, next to each service's {@code @ConfigMapping}, because the client it
 * configures is shared.
 */
@ConfigMapping(prefix = "credential-client")
public interface CredentialClientConfig {

    /** Base URL of the credential-service, from which this service gets its Microsoft access tokens. */
    @WithDefault("http://localhost:8081")
    URI url();

    /** User (role {@code token-client}) this service signs in as at the credential-service, over HTTP Basic. */
    @WithDefault("${quarkus.application.name}")
    String username();

    /** Password of {@link #username()}; set it from a Secret, never in committed configuration. */
    Optional<String> password();

    /** A cached access token is used only while it stays valid at least this long; then a fresh one is fetched. */
    @WithDefault("PT5M")
    Duration refreshMargin();

    /** Connect and request timeout towards the credential-service. */
    @WithDefault("PT10S")
    Duration timeout();
}
