package io.exchangebridge.foundation.credential;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a service reaches the credential-service: the same keys in every service that needs tokens
 * ({@code CREDENTIAL_CLIENT_URL}, {@code CREDENTIAL_CLIENT_AUTH}, {@code CREDENTIAL_CLIENT_USERNAME},
 * {@code CREDENTIAL_CLIENT_PASSWORD}, {@code CREDENTIAL_CLIENT_TOKEN_FILE} as environment variables). The foundation's
 * own mapping, next to each service's {@code @ConfigMapping}, because the client it configures is shared.
 */
@ConfigMapping(prefix = "credential-client")
public interface CredentialClientConfig {

    /** How this service proves who it is to the credential-service. */
    enum Auth {
        /** HTTP Basic with {@link #username()} and {@link #password()}. */
        BASIC,
        /**
         * The content of {@link #tokenFile()} as a bearer token, read again whenever the file changes: a Kubernetes
         * projected service-account token, which the kubelet rotates.
         */
        TOKEN_FILE,
        /**
         * A bearer token from the quarkus-oidc-client named client {@value CredentialAuthorization#OIDC_CLIENT}
         * ({@code quarkus.oidc-client.credential-service.*}): client credentials with a secret, or with a client
         * assertion read from a file (AKS workload identity).
         */
        OIDC_CLIENT
    }

    /** {@code basic} (the default), {@code token-file} or {@code oidc-client}; checked at start. */
    @WithDefault("basic")
    Auth auth();

    /** The bearer token file of {@code auth=token-file}: where the pod's projected service-account token is mounted. */
    @WithDefault("/var/run/secrets/exchange-bridge/token")
    Path tokenFile();

    /** Base URL of the credential-service, from which this service gets its Microsoft access tokens. */
    @WithDefault("http://localhost:8081")
    URI url();

    /**
     * User (role {@code token-client}) this service signs in as at the credential-service, over HTTP Basic
     * ({@code auth=basic}).
     */
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
