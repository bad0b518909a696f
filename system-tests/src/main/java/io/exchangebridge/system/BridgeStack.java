package io.exchangebridge.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.testing.EmbeddedPostgres;

/**
 * The whole system on loopback: one embedded PostgreSQL (a database per service), the exchange-simulator with the demo
 * tenant in this JVM, and {@code instances} separate processes of each packaged service, wired to each other and to the
 * simulator with production configuration (profile {@code prod}, nothing taken from the dev/test profiles).
 */
public final class BridgeStack implements AutoCloseable {

    public static final String CREDENTIAL = "credential-service";
    public static final String IMPORTER = "import-service";
    public static final String RELAY = "smtp-service";

    /** Ports of the local run; tests use free ones. */
    public static final Map<String, Integer> LOCAL_PORTS = Map.of(CREDENTIAL, 8081, IMPORTER, 8082, RELAY, 8083,
            "smtp-listener", 2525, "simulator-http", 9080, "simulator-https", 9443, "simulator-smtp", 9587);

    /** The local run's ports moved by {@code offset} ({@code ./run-local.sh --port-offset}). */
    public static Map<String, Integer> localPorts(int offset) {
        Map<String, Integer> moved = new TreeMap<>();
        LOCAL_PORTS.forEach((name, port) -> moved.put(name, port + offset));
        return moved;
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /**
     * The import-service user the console manages mailbox accounts and imports as and reads imported mail with (roles
     * admin and reader).
     */
    static final String UI_IMPORT_USER = "console";

    /**
     * The system tests' JVM options: small heaps and the C1 compiler only, because six service JVMs and the test JVM
     * share two cores in CI and start faster so. The local run uses {@link #productionJvmOptions()} instead.
     */
    public static final List<String> LIGHT_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final Options options;
    private final StackSecrets secrets;
    private final int postgresPort;
    private EmbeddedPostgres postgres;
    private ExchangeSimulator simulator;
    private Path trustStore;
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    private final Map<ServiceProcess, Integer> listenerPorts = new LinkedHashMap<>();

    private BridgeStack(Options options) {
        this.options = options;
        this.secrets = StackSecrets.loadOrCreate(options.home.resolve("secrets.properties"));
        this.postgresPort = freePort();
    }

    /** What to start and where. */
    public static final class Options {
        private final Path home;
        private boolean fixedPorts;
        private int portOffset;
        private int instances = 1;
        private boolean demoMail;
        private boolean loopbackOnly;
        private boolean productionJvm;
        private Consumer<String> progress = line -> {
        };
        private final Map<String, Map<String, String>> overrides = new LinkedHashMap<>();

        /**
         * @param home
         *            where the database, the secrets and the services' configuration and logs live
         */
        public Options(Path home) {
            this.home = home;
        }

        /** The README's ports (8081-8083, 2525, simulator 9080/9443/9587) instead of free ones. */
        public Options fixedPorts() {
            return fixedPorts(0);
        }

        /** The README's ports, each moved by {@code offset}. */
        public Options fixedPorts(int offset) {
            this.fixedPorts = true;
            this.portOffset = offset;
            return this;
        }

        /** Processes of each service, all on the same database. */
        public Options instances(int count) {
            this.instances = count;
            return this;
        }

        /** Fill the demo inboxes with the test-mail corpus. */
        public Options demoMail() {
            this.demoMail = true;
            return this;
        }

        /** Bind the services to 127.0.0.1 only (the local run: nothing reachable from the network). */
        public Options loopbackOnly() {
            this.loopbackOnly = true;
            return this;
        }

        /**
         * Start the services with the production JVM options of {@code deploy/jvm-options} (the local run) instead of
         * the light ones the system tests use to fit six JVMs on two cores.
         */
        public Options productionJvm() {
            this.productionJvm = true;
            return this;
        }

        public Options progress(Consumer<String> progress) {
            this.progress = progress;
            return this;
        }

        /** Extra configuration of every instance of a service (e.g. shorter leases for the crash tests). */
        public Options config(String service, String key, String value) {
            overrides.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
            return this;
        }
    }

    public static BridgeStack start(Options options) {
        BridgeStack stack = new BridgeStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        long t0 = System.nanoTime();
        options.progress.accept("starting PostgreSQL (data in " + options.home.resolve("postgres") + ")");
        startPostgres();
        options.progress.accept("PostgreSQL ready on port " + postgresPort + " in " + since(t0));
        long t1 = System.nanoTime();
        simulator = ExchangeSimulator.builder().httpPort(port("simulator-http")).httpsPort(port("simulator-https"))
                .smtpPort(port("simulator-smtp")).seed(DemoTenant::seed).start();
        if (options.demoMail) {
            DemoTenant.seedMail(simulator.mail());
        }
        trustStore = simulator.writeTrustStore(options.home.resolve("simulator-trust.p12"));
        options.progress.accept("exchange-simulator ready at " + simulator.httpBaseUrl() + " in " + since(t1));
        // The ports of the other two services first: instance i of credential-service shows the mailboxes and sender
        // routes of instance i of each (its admin UI's pages of them).
        List<Integer> importPorts = new ArrayList<>();
        List<Integer> relayPorts = new ArrayList<>();
        for (int i = 0; i < options.instances; i++) {
            importPorts.add(port(IMPORTER));
            relayPorts.add(port(RELAY));
        }
        for (int i = 0; i < options.instances; i++) {
            int credentialPort = port(CREDENTIAL);
            add(CREDENTIAL, credentialPort, credentialConfig(credentialPort, importPorts.get(i), relayPorts.get(i)),
                    List.of());
            simulator.tenant(DemoTenant.DOMAIN).app(DemoTenant.CLIENT_ID)
                    .redirectUri("http://localhost:" + credentialPort + "/OAuth2Callback");
        }
        startAndAwait(services.get(CREDENTIAL));
        List<ServiceProcess> clients = new ArrayList<>();
        for (int i = 0; i < options.instances; i++) {
            String credentialUrl = services.get(CREDENTIAL).get(i).baseUrl();
            int importPort = importPorts.get(i);
            clients.add(add(IMPORTER, importPort, importConfig(importPort, credentialUrl), trustStoreOptions()));
            int relayPort = relayPorts.get(i);
            int listenerPort = port("smtp-listener");
            ServiceProcess relay = add(RELAY, relayPort, relayConfig(relayPort, listenerPort, credentialUrl),
                    List.of());
            listenerPorts.put(relay, listenerPort);
            clients.add(relay);
        }
        startAndAwait(clients);
    }

    private ServiceProcess add(String service, int httpPort, Map<String, String> config, List<String> jvmOptions) {
        List<ServiceProcess> instances = services.computeIfAbsent(service, s -> new ArrayList<>());
        String name = options.instances == 1 ? service : service + "-" + (instances.size() + 1);
        Map<String, String> all = new LinkedHashMap<>(config);
        if (service.equals(IMPORTER)) {
            // the name a run shows per mailbox job (in Kubernetes the pod name); here all processes share one host
            all.put("importer.run.replica-name", name);
        }
        all.putAll(options.overrides.getOrDefault(service, Map.of()));
        Path workDir = options.home.resolve("services").resolve(name);
        ServiceProcess process = new ServiceProcess(name, ProjectLayout.serviceJar(service), workDir, httpPort, all,
                jvmOptions(jvmOptions));
        instances.add(process);
        return process;
    }

    private void startAndAwait(List<ServiceProcess> processes) {
        processes.forEach(ServiceProcess::start);
        for (ServiceProcess process : processes) {
            options.progress.accept("waiting for " + process.name() + " (" + process.baseUrl() + ") …");
            Duration took = process.awaitReady(START_TIMEOUT);
            options.progress.accept(process.name() + " ready in " + seconds(took));
        }
    }

    /** Restarts one process the way an orchestrator would after it died, and waits until it is ready. */
    public Duration restart(ServiceProcess process) {
        process.stop();
        process.start();
        return process.awaitReady(START_TIMEOUT);
    }

    /** Stops PostgreSQL cleanly and starts it again on the same port with the same data. */
    public void restartPostgres(Duration down) {
        postgres.close();
        sleep(down);
        startPostgres();
    }

    private void startPostgres() {
        postgres = EmbeddedPostgres.start(options.home.resolve("postgres"), postgresPort);
        for (String database : List.of("credential", "importer", "relay")) {
            postgres.jdbcUrl(database);
        }
    }

    private ServiceConfig common(int httpPort, String database) {
        return ServiceConfig.service(secrets, httpPort, options.loopbackOnly,
                "jdbc:postgresql://localhost:" + postgresPort + "/" + database, postgres.username(),
                postgres.password());
    }

    private Map<String, String> credentialConfig(int port, int importPort, int relayPort) {
        ServiceConfig config = common(port, "credential")
                .credentialService(port, simulator.httpsBaseUrl(), trustStore, simulator.trustStorePassword(), "local")
                .put("credential.installation-name", "Exchange Bridge (local)")
                // No console app sign-in (Entra) is configured here: its HTTP Basic users are the way into the console,
                // as the prod profile allows only when this break-glass switch is set.
                .put("credential.console.basic-sign-in", "true")
                .user("admin", "credential-admin", "admin")
                .user(IMPORTER, "import-service-client", "token-client")
                .user(RELAY, "smtp-service-client", "token-client")
                .put("credential.clients." + IMPORTER + ".credentials", "*")
                .put("credential.clients." + RELAY + ".credentials", "*");
        // The two services sign in here with Entra access tokens for this installation's API (the simulated tenant's
        // app registrations of DemoTenant, app role Bridge.Token), as production is advised to; the Basic users above
        // stay for the tests that fetch tokens themselves.
        entraApi(config);
        config.put("credential.clients." + DemoTenant.IMPORT_CLIENT_ID + ".credentials", "*");
        config.put("credential.clients." + DemoTenant.SMTP_CLIENT_ID + ".credentials", "*");
        // The console's pages of the other two services (mailbox accounts, imports, sender routes, outbox, audit):
        // import-service as its user "console" (roles admin and reader: it manages accounts and shows imported mail),
        // smtp-service as "admin". The passwords are in this file only, like every other secret of the stack.
        config.put("credential.ui.import-service.url", "http://localhost:" + importPort);
        config.put("credential.ui.import-service.user", UI_IMPORT_USER);
        config.put("credential.ui.import-service.password", secrets.get("import-console"));
        config.put("credential.ui.smtp-service.url", "http://localhost:" + relayPort);
        config.put("credential.ui.smtp-service.user", "admin");
        config.put("credential.ui.smtp-service.password", secrets.get("relay-admin"));
        return config.toMap();
    }

    private Map<String, String> importConfig(int port, String credentialUrl) {
        ServiceConfig config = common(port, "importer").put("credential-client.url", credentialUrl);
        signInWithEntra(config, DemoTenant.IMPORT_CLIENT_ID, DemoTenant.IMPORT_CLIENT_SECRET);
        entraApi(config);
        return config.put("importer.graph.base-url", simulator.graphBaseUrl())
                .user("admin", "import-admin", "admin,trigger,reader")
                .user(UI_IMPORT_USER, "import-console", "admin,reader")
                // an ERP that writes events into calendars and reads them back
                .user("erp", "import-writer", "writer,reader").toMap();
    }

    private Map<String, String> relayConfig(int port, int listenerPort, String credentialUrl) {
        ServiceConfig config = common(port, "relay").put("credential-client.url", credentialUrl);
        signInWithEntra(config, DemoTenant.SMTP_CLIENT_ID, DemoTenant.SMTP_CLIENT_SECRET);
        entraApi(config);
        return config.relayToSimulator(simulator.smtpPort(), trustStore, simulator.trustStorePassword())
                .relayGraph(simulator.graphBaseUrl(), trustStore, simulator.trustStorePassword())
                .relayListener(listenerPort, options.loopbackOnly)
                .user("admin", "relay-admin", "admin")
                .user("app", "relay-sender", "sender")
                // A REST user may send only as the addresses or domains it is given (none by default).
                .put("relay.api-senders.app.allowed-senders", DemoTenant.DOMAIN).toMap();
    }

    /** The simulated tenant's authority in OpenID Connect's form: discovery below it, the tokens' issuer. */
    private String entraAuthority() {
        return simulator.oidcAuthServerUrl(simulator.tenant(DemoTenant.DOMAIN).id());
    }

    /** The service accepts Entra access tokens issued for this installation's API (its OIDC tenant "entra"). */
    private void entraApi(ServiceConfig config) {
        config.put("quarkus.oidc.entra.tenant-enabled", "true");
        config.put("quarkus.oidc.entra.auth-server-url", entraAuthority());
        config.put("quarkus.oidc.entra.token.audience", DemoTenant.API_CLIENT_ID);
        trustSimulator(config, "quarkus.oidc.entra.tls.tls-configuration-name");
    }

    /** The service gets its bearer token for credential-service from Entra, as the app {@code clientId}. */
    private void signInWithEntra(ServiceConfig config, String clientId, String secret) {
        config.put("credential-client.auth", "oidc-client");
        config.put("quarkus.oidc-client.credential-service.auth-server-url", entraAuthority());
        config.put("quarkus.oidc-client.credential-service.client-id", clientId);
        config.put("quarkus.oidc-client.credential-service.credentials.secret", secret);
        // Startup waits this long for Entra's discovery; on two loaded cores loading the TLS provider alone has
        // blocked the event loop for 12 s, past the default 10 s, and the service exited while starting.
        config.put("quarkus.oidc-client.credential-service.connection-timeout", "60S");
        trustSimulator(config, "quarkus.oidc-client.credential-service.tls.tls-configuration-name");
    }

    /** A named TLS configuration trusting the simulator's certificate, used by {@code key}. */
    private void trustSimulator(ServiceConfig config, String key) {
        config.put(key, "simulator");
        config.put("quarkus.tls.simulator.trust-store.p12.path", trustStore.toAbsolutePath().toString());
        config.put("quarkus.tls.simulator.trust-store.p12.password", simulator.trustStorePassword());
    }

    /** import-service reads Graph with the JVM's trust store (it has no setting of its own). */
    private List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath(),
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + simulator.trustStorePassword());
    }

    private List<String> jvmOptions(List<String> extra) {
        List<String> all = new ArrayList<>(jvmOptions());
        all.addAll(extra);
        return all;
    }

    /** The JVM options every service process starts with (before any of its own). */
    public List<String> jvmOptions() {
        return options.productionJvm ? productionJvmOptions() : LIGHT_JVM_OPTIONS;
    }

    /**
     * The production JVM options, one per line of {@code deploy/jvm-options} ({@code #} comments): what the JVM images
     * and the Kubernetes manifests carry (deploy-checks {@code JvmOptionsTest} keeps them equal).
     */
    public static List<String> productionJvmOptions() {
        Path file = ProjectLayout.root().resolve("deploy/jvm-options");
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private int port(String name) {
        return options.fixedPorts ? LOCAL_PORTS.get(name) + options.portOffset : freePort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ExchangeSimulator simulator() {
        return simulator;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public StackSecrets secrets() {
        return secrets;
    }

    public Path home() {
        return options.home;
    }

    public ServiceProcess credential(int index) {
        return services.get(CREDENTIAL).get(index);
    }

    public ServiceProcess importer(int index) {
        return services.get(IMPORTER).get(index);
    }

    public ServiceProcess relay(int index) {
        return services.get(RELAY).get(index);
    }

    public int smtpListenerPort(int relayIndex) {
        return listenerPorts.get(relay(relayIndex));
    }

    /** Every service process, credential-service first. */
    public List<ServiceProcess> processes() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    /** Clients with the stack's users. */
    public ApiClient credentialAdmin(int index) {
        return new ApiClient(credential(index).baseUrl(), "admin", secrets.get("credential-admin"));
    }

    public ApiClient importAdmin(int index) {
        return new ApiClient(importer(index).baseUrl(), "admin", secrets.get("import-admin"));
    }

    /** The ERP of the stack: role writer (event writes) and reader at import-service. */
    public ApiClient importWriter(int index) {
        return new ApiClient(importer(index).baseUrl(), "erp", secrets.get("import-writer"));
    }

    public ApiClient relayAdmin(int index) {
        return new ApiClient(relay(index).baseUrl(), "admin", secrets.get("relay-admin"));
    }

    public ApiClient relaySender(int index) {
        return new ApiClient(relay(index).baseUrl(), "app", secrets.get("relay-sender"));
    }

    public RelaySmtpClient smtpClient(int relayIndex) {
        return new RelaySmtpClient("localhost", smtpListenerPort(relayIndex), "scanner",
                secrets.get("relay-smtp-user"));
    }

    /** Stops the services (SIGTERM, in reverse order), then the simulator, then PostgreSQL. */
    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(processes());
        Collections.reverse(all);
        for (ServiceProcess process : all) {
            try {
                process.stop();
            } catch (RuntimeException e) {
                options.progress.accept("could not stop " + process.name() + ": " + e.getMessage());
            }
        }
        if (simulator != null) {
            simulator.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String since(long startNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
