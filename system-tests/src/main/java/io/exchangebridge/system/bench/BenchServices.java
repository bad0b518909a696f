package io.exchangebridge.system.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.system.BridgeStack;
import io.exchangebridge.system.ServiceConfig;
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
        ServiceConfig config = common(port, "credential")
                .credentialService(port, simulator.httpsBaseUrl(), trustStore, simulator.trustStorePassword(), "bench")
                .user("admin", "credential-admin", "admin")
                .user(IMPORT_CLIENT, "import-service-client", "token-client")
                .user(RELAY_CLIENT, "smtp-service-client", "token-client")
                .put("credential.clients." + IMPORT_CLIENT + ".credentials", "*")
                .put("credential.clients." + RELAY_CLIENT + ".credentials", "*");
        // Bearer sign-in: Entra access tokens for this installation's API, as production advises.
        config.put("quarkus.oidc.entra.tenant-enabled", "true");
        config.put("quarkus.oidc.entra.auth-server-url",
                simulator.oidcAuthServerUrl(simulator.tenant(DemoTenant.DOMAIN).id()));
        config.put("quarkus.oidc.entra.token.audience", DemoTenant.API_CLIENT_ID);
        config.put("quarkus.oidc.entra.tls.tls-configuration-name", "entra");
        config.put("credential.clients." + DemoTenant.IMPORT_CLIENT_ID + ".credentials", "*");
        return config.toMap();
    }

    Map<String, String> importer(int port, String credentialUrl) {
        return common(port, "importer")
                .put("credential-client.url", credentialUrl)
                .put("credential-client.username", IMPORT_CLIENT)
                .put("credential-client.password", secrets.get("import-service-client"))
                .put("importer.graph.base-url", simulator.graphBaseUrl())
                .user("admin", "import-admin", "admin,trigger,reader").toMap();
    }

    /** import-service reads Graph with the JVM's trust store (it has no setting of its own). */
    List<String> importerJvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + simulator.trustStorePassword());
    }

    Map<String, String> relay(int port, int listenerPort, String credentialUrl) {
        return common(port, "relay")
                .put("credential-client.url", credentialUrl)
                .put("credential-client.username", RELAY_CLIENT)
                .put("credential-client.password", secrets.get("smtp-service-client"))
                .relayToSimulator(simulator.smtpPort(), trustStore, simulator.trustStorePassword())
                .relayGraph(simulator.graphBaseUrl(), trustStore, simulator.trustStorePassword())
                .relayListener(listenerPort, true)
                .user("admin", "relay-admin", "admin")
                .user("app", "relay-sender", "sender")
                .put("relay.api-senders.app.allowed-senders", DemoTenant.DOMAIN).toMap();
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

    private ServiceConfig common(int port, String database) {
        return ServiceConfig.service(secrets, port, true, postgres.jdbcUrl(database), postgres.username(),
                postgres.password());
    }
}
