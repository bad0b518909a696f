package io.exchangebridge.importer.config;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the import-service, under the prefix {@code importer}. Each property can also be set as an
 * environment variable ({@code importer.installation-name} → {@code IMPORTER_INSTALLATION_NAME}).
 */
@ConfigMapping(prefix = "importer")
public interface ImporterConfig {

    /** Base URL of the credential-service, from which this service gets its Microsoft access tokens. */
    @WithDefault("http://localhost:8081")
    URI credentialServiceUrl();

    /** A short name of this installation, shown in logs and pages. */
    @WithDefault("Exchange Bridge")
    String installationName();
}
