package io.exchangebridge.system;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.exchangebridge.simulator.DemoTenant;

/**
 * The configuration lines every launcher of packaged services writes the same way (the system stack, the local run, the
 * benchmarks): a service's HTTP port and database, an embedded Basic user, credential-service's Entra and encryption
 * settings, smtp-service's way to the simulator's Exchange. Kept here once, so that a renamed key is renamed for all of
 * them.
 */
public final class ServiceConfig {

    private final Map<String, String> lines = new LinkedHashMap<>();
    private final StackSecrets secrets;

    private ServiceConfig(StackSecrets secrets) {
        this.secrets = secrets;
    }

    /** A service on {@code httpPort} (loopback only when asked) with its database at {@code jdbcUrl}. */
    public static ServiceConfig service(StackSecrets secrets, int httpPort, boolean loopbackOnly, String jdbcUrl,
            String dbUser, String dbPassword) {
        ServiceConfig config = new ServiceConfig(secrets);
        config.put("quarkus.http.port", String.valueOf(httpPort));
        if (loopbackOnly) {
            config.put("quarkus.http.host", "127.0.0.1");
        }
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", dbPassword);
        return config;
    }

    public ServiceConfig put(String key, String value) {
        lines.put(key, value);
        return this;
    }

    /** An embedded Basic user whose password is the stack secret {@code secret}, with {@code roles}. */
    public ServiceConfig user(String user, String secret, String roles) {
        put("quarkus.security.users.embedded.users." + user, StackSecrets.digest(user, secrets.get(secret)));
        return put("quarkus.security.users.embedded.roles." + user, roles);
    }

    /**
     * credential-service against the simulator's Entra ID at {@code authorityHost} (trusting its certificate), with the
     * stack's encryption key under {@code keyId}.
     */
    public ServiceConfig credentialService(int port, String authorityHost, Path trustStore, String trustStorePassword,
            String keyId) {
        put("credential.public-url", "http://localhost:" + port);
        put("credential.allowed-authority-hosts", "localhost");
        put("credential.default-authority-host", authorityHost);
        put("credential.token.tls-configuration-name", "entra");
        put("quarkus.tls.entra.trust-store.p12.path", trustStore.toAbsolutePath().toString());
        put("quarkus.tls.entra.trust-store.p12.password", trustStorePassword);
        put("credential.encryption.active-key", keyId);
        return put("credential.encryption.keys." + keyId, secrets.get("encryption-key"));
    }

    /** smtp-service delivering to the simulator's Exchange SMTP on {@code smtpPort}, trusting its certificate. */
    public ServiceConfig relayToSimulator(int smtpPort, Path trustStore, String trustStorePassword) {
        put("relay.smtp.host", "localhost");
        put("relay.smtp.port", String.valueOf(smtpPort));
        put("relay.smtp.trust-store", trustStore.toAbsolutePath().toString());
        return put("relay.smtp.trust-store-password", trustStorePassword);
    }

    /** smtp-service's Graph route to the simulator's Graph at {@code graphUrl}. */
    public ServiceConfig relayGraph(String graphUrl, Path trustStore, String trustStorePassword) {
        put("relay.graph.url", graphUrl);
        put("relay.graph.trust-store", trustStore.toAbsolutePath().toString());
        return put("relay.graph.trust-store-password", trustStorePassword);
    }

    /**
     * smtp-service's SMTP listener on {@code port} with the legacy scanner as its user (password: the stack secret
     * {@code relay-smtp-user}), allowed to send as the demo domain.
     */
    public ServiceConfig relayListener(int port, boolean loopbackOnly) {
        put("relay.listener.port", String.valueOf(port));
        if (loopbackOnly) {
            put("relay.listener.bind-address", "127.0.0.1");
        }
        put("relay.listener.users.scanner.password-hash",
                StackSecrets.digest("scanner", secrets.get("relay-smtp-user")));
        return put("relay.listener.users.scanner.allowed-senders", DemoTenant.DOMAIN);
    }

    /** The lines, in the order written. */
    public Map<String, String> toMap() {
        return new LinkedHashMap<>(lines);
    }
}
