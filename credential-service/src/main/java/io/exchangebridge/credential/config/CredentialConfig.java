package io.exchangebridge.credential.config;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the credential-service, under the prefix {@code credential}. Each property can also be set as an
 * environment variable ({@code credential.public-url} → {@code CREDENTIAL_PUBLIC_URL}).
 */
@ConfigMapping(prefix = "credential")
public interface CredentialConfig {

    /**
     * The URL at which administrators' browsers reach this service. The OAuth redirect URI of delegated credentials
     * defaults to {@code {public-url}/OAuth2Callback}. When absent, the URL of the incoming request is used.
     */
    Optional<URI> publicUrl();

    /** A short name of this installation, shown in logs and pages. */
    @WithDefault("Exchange Bridge")
    String installationName();
}
