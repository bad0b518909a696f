package io.exchangebridge.smtp.config;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the smtp-service, under the prefix {@code relay}. Each property can also be set as an environment
 * variable ({@code relay.installation-name} → {@code RELAY_INSTALLATION_NAME}).
 */
@ConfigMapping(prefix = "relay")
public interface RelayConfig {

    /** Base URL of the credential-service, from which this service gets its Microsoft access tokens. */
    @WithDefault("http://localhost:8081")
    URI credentialServiceUrl();

    /** A short name of this installation, shown in logs and pages. */
    @WithDefault("Exchange Bridge")
    String installationName();
}
