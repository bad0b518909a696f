package io.exchangebridge.system.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.system.BridgeStack;
import io.exchangebridge.system.StackSecrets;

/**
 * The services' configuration for the benchmarks: the prod profile wired to {@link BenchPostgres} and the simulator,
 * the token clients signing in with HTTP Basic (one embedded user per service, as the passwords in
 * {@link StackSecrets}), and Entra bearer tokens for the API accepted as in production.
 */
final class BenchServices {

    static final String IMPORT_CLIENT = "import-service";
    static final String RELAY_CLIENT = "smtp-service";

    private final BenchPostgres postgres;
    private final ExchangeSimulator simulator;
    private final Path trustStore;
    private final StackSecrets secrets;

    BenchServices(BenchPostgres postgres, ExchangeSimulator simulator, Path trustStore, StackSecrets secrets) {
        this.postgres = postgres;
        this.simulator = simulator;
        this.trustStore = trustStore;
        this.secrets = secrets;
    }

    Map<String, String> credential(int port) {
        Map<String, String> config = common(port, "credential");
        config.put("credential.public-url", "http://localhost:" + port);
        config.put("credential.allowed-authority-hosts", "localhost");
        config.put("credential.default-authority-host", simulator.httpsBaseUrl());
        config.put("credential.token.tls-configuration-name", "entra");
        config.put("quarkus.tls.entra.trust-store.p12.path", trustStore.toString());
        config.put("quarkus.tls.entra.trust-store.p12.password", simulator.trustStorePassword());
        config.put("credential.encryption.active-key", "bench");
        config.put("credential.encryption.keys.bench", secrets.get("encryption-key"));
        user(config, "admin", "credential-admin", "admin");
        user(config, IMPORT_CLIENT, "import-service-client", "token-client");
        user(config, RELAY_CLIENT, "smtp-service-client", "token-client");
        config.put("credential.clients." + IMPORT_CLIENT + ".credentials", "*");
        config.put("credential.clients." + RELAY_CLIENT + ".credentials", "*");
        // Bearer sign-in: Entra access tokens for this installation's API, as production advises.
        config.put("quarkus.oidc.entra.tenant-enabled", "true");
        config.put("quarkus.oidc.entra.auth-server-url",
                simulator.oidcAuthServerUrl(simulator.tenant(DemoTenant.DOMAIN).id()));
        config.put("quarkus.oidc.entra.token.audience", DemoTenant.API_CLIENT_ID);
        config.put("quarkus.oidc.entra.tls.tls-configuration-name", "entra");
        config.put("credential.clients." + DemoTenant.IMPORT_CLIENT_ID + ".credentials", "*");
        return config;
    }

    Map<String, String> importer(int port, String credentialUrl) {
        Map<String, String> config = common(port, "importer");
        config.put("credential-client.url", credentialUrl);
        config.put("credential-client.username", IMPORT_CLIENT);
        config.put("credential-client.password", secrets.get("import-service-client"));
        config.put("importer.graph.base-url", simulator.graphBaseUrl());
        user(config, "admin", "import-admin", "admin,trigger,reader");
        return config;
    }

    /** import-service reads Graph with the JVM's trust store (it has no setting of its own). */
    List<String> importerJvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + simulator.trustStorePassword());
    }

    Map<String, String> relay(int port, int listenerPort, String credentialUrl) {
        Map<String, String> config = common(port, "relay");
        config.put("credential-client.url", credentialUrl);
        config.put("credential-client.username", RELAY_CLIENT);
        config.put("credential-client.password", secrets.get("smtp-service-client"));
        config.put("relay.smtp.host", "localhost");
        config.put("relay.smtp.port", String.valueOf(simulator.smtpPort()));
        config.put("relay.smtp.trust-store", trustStore.toString());
        config.put("relay.smtp.trust-store-password", simulator.trustStorePassword());
        config.put("relay.graph.url", simulator.graphBaseUrl());
        config.put("relay.graph.trust-store", trustStore.toString());
        config.put("relay.graph.trust-store-password", simulator.trustStorePassword());
        config.put("relay.listener.port", String.valueOf(listenerPort));
        config.put("relay.listener.bind-address", "127.0.0.1");
        user(config, "admin", "relay-admin", "admin");
        user(config, "app", "relay-sender", "sender");
        config.put("relay.api-senders.app.allowed-senders", DemoTenant.DOMAIN);
        return config;
    }

    /**
     * The production JVM options ({@code deploy/jvm-options}) inside a container of {@code memoryMiB} and one CPU, as
     * the manifests' limits give each pod: the JVM sizes its heap (80 %) and its thread pools from these.
     */
    static List<String> containerJvmOptions(int memoryMiB) {
        List<String> options = new ArrayList<>(BridgeStack.productionJvmOptions());
        options.add("-XX:MaxRAM=" + memoryMiB + "m");
        options.add("-XX:ActiveProcessorCount=1");
        return options;
    }

    private Map<String, String> common(int port, String database) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
        return config;
    }

    private void user(Map<String, String> config, String user, String secret, String roles) {
        config.put("quarkus.security.users.embedded.users." + user, StackSecrets.digest(user, secrets.get(secret)));
        config.put("quarkus.security.users.embedded.roles." + user, roles);
    }
}
