package io.exchangebridge.credential.ui;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.config.CredentialConfig.PeerService;

/** The other services the console manages through their REST APIs. */
public enum Peer {

    IMPORT("import-service", "credential.ui.import-service", "CREDENTIAL_UI_IMPORT_SERVICE", 8082), SMTP("smtp-service",
            "credential.ui.smtp-service", "CREDENTIAL_UI_SMTP_SERVICE", 8083);

    private final String serviceName;
    private final String prefix;
    private final String env;
    private final int port;

    Peer(String serviceName, String prefix, String env, int port) {
        this.serviceName = serviceName;
        this.prefix = prefix;
        this.env = env;
        this.port = port;
    }

    /** As the service calls itself ({@code quarkus.application.name}), e.g. {@code import-service}. */
    public String serviceName() {
        return serviceName;
    }

    /** The configuration prefix that connects the console to it. */
    public String prefix() {
        return prefix;
    }

    /** The same as environment variables' prefix. */
    public String env() {
        return env;
    }

    /** Its usual port, for the example configuration. */
    public int port() {
        return port;
    }

    public PeerService config(CredentialConfig config) {
        return this == IMPORT ? config.ui().importService() : config.ui().smtpService();
    }
}
