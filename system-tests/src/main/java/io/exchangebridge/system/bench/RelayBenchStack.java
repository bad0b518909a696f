package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.system.ApiClient;
import io.exchangebridge.system.BridgeSetup;
import io.exchangebridge.system.BridgeStack;
import io.exchangebridge.system.ProjectLayout;
import io.exchangebridge.system.ServiceConfig;
import io.exchangebridge.system.ServiceProcess;
import io.exchangebridge.system.StackSecrets;
import io.exchangebridge.testing.EmbeddedPostgres;
import io.exchangebridge.testing.PostgresDurability;

/**
 * What the relay benchmark runs on, each in a process of its own: PostgreSQL with production durability ({@code fsync}
 * and {@code synchronous_commit} on), the exchange-simulator ({@link RelayBenchSimulator}), one packaged
 * credential-service (it hands the relay its Exchange token once per connection), and a packaged smtp-service per
 * measured build, each on a fresh database so that every build starts from the same empty outbox.
 */
final class RelayBenchStack implements AutoCloseable {

    static final String CREDENTIAL_ID = "bench-app";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path home;
    private final StackSecrets secrets;
    private final EmbeddedPostgres postgres;
    private final Process simulator;
    private final Properties sim = new Properties();
    private ServiceProcess credential;
    private final List<ServiceProcess> relays = new ArrayList<>();
    private boolean closed;

    private RelayBenchStack(Path home, StackSecrets secrets, EmbeddedPostgres postgres, Process simulator) {
        this.home = home;
        this.secrets = secrets;
        this.postgres = postgres;
        this.simulator = simulator;
    }

    /** Starts PostgreSQL, the simulator and credential-service under {@code home} (emptied first). */
    static RelayBenchStack start(Path home) {
        deleteRecursively(home);
        StackSecrets secrets = StackSecrets.loadOrCreate(home.resolve("secrets.properties"));
        EmbeddedPostgres postgres = EmbeddedPostgres.start(home.resolve("postgres"), 0, PostgresDurability.DURABLE);
        RelayBenchStack stack = new RelayBenchStack(home, secrets, postgres, java(home.resolve("simulator.log"),
                List.of(), RelayBenchSimulator.class.getName(), home.toString()));
        // Ctrl-C stops every process of the benchmark too
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stop"));
        try {
            stack.awaitSimulator();
            stack.startCredentialService();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startCredentialService() {
        int port = freePort();
        Map<String, String> config = common(port, "credential")
                .credentialService(port, sim.getProperty("https"), simTrustStore(),
                        sim.getProperty("trust-store-password"), "bench")
                .put("credential.console.basic-sign-in", "true")
                .user("admin", "credential-admin", "admin")
                .user(BridgeStack.RELAY, "smtp-service-client", "token-client")
                .put("credential.clients." + BridgeStack.RELAY + ".credentials", "*").toMap();
        credential = new ServiceProcess(BridgeStack.CREDENTIAL, ProjectLayout.serviceJar(BridgeStack.CREDENTIAL),
                home.resolve("services/credential-service"), port, config, BridgeStack.productionJvmOptions());
        credential.start();
        credential.awaitReady(START_TIMEOUT);
        BridgeSetup.registerAppCredential(new ApiClient(credential.baseUrl(), "admin",
                secrets.get("credential-admin")), CREDENTIAL_ID);
    }

    /** PostgreSQL's settings that decide what a commit costs, as the server reports them. */
    String postgresSettings() {
        try (Connection c = database("postgres");
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                        + " current_setting('synchronous_commit'), current_setting('full_page_writes'),"
                        + " current_setting('wal_sync_method'), current_setting('shared_buffers')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + ", fsync=" + rs.getString(2) + ", synchronous_commit="
                    + rs.getString(3) + ", full_page_writes=" + rs.getString(4) + ", wal_sync_method="
                    + rs.getString(5) + ", shared_buffers=" + rs.getString(6);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long postmasterPid() {
        return RelayCpuMeter.postmasterPid(home.resolve("postgres"));
    }

    /**
     * A relay from {@code jar} on its own new database {@code database}, with the production JVM options and
     * {@code extraJvm} (a flight recording), pacing off; started and ready, with the route of the demo domain.
     */
    RelayProcess startRelay(String name, Path jar, String database, List<String> extraJvm) {
        int port = freePort();
        int listenerPort = freePort();
        Map<String, String> config = common(port, database)
                .put("credential-client.url", credential.baseUrl())
                .put("credential-client.password", secrets.get("smtp-service-client"))
                .relayToSimulator(Integer.parseInt(sim.getProperty("smtp-port")), simTrustStore(),
                        sim.getProperty("trust-store-password"))
                .put("relay.pacing.messages-per-minute", "0")
                .relayListener(listenerPort, true)
                .user("admin", "relay-admin", "admin").toMap();
        List<String> jvm = new ArrayList<>(BridgeStack.productionJvmOptions());
        jvm.addAll(extraJvm);
        ServiceProcess relay = new ServiceProcess(name, jar, home.resolve("services").resolve(name), port, config,
                jvm);
        relays.add(relay);
        relay.start();
        relay.awaitReady(START_TIMEOUT);
        BridgeSetup.addRoute(new ApiClient(relay.baseUrl(), "admin", secrets.get("relay-admin")), DemoTenant.DOMAIN,
                CREDENTIAL_ID, DemoTenant.SHARED, "SMTP");
        return new RelayProcess(relay, pidOf(jar), listenerPort, database);
    }

    /** A relay of the benchmark: its process, pid, listener port and database. */
    record RelayProcess(ServiceProcess process, long pid, int listenerPort, String database) {
    }

    String relayPassword() {
        return secrets.get("relay-smtp-user");
    }

    Connection database(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.port() + "/" + name,
                postgres.username(), postgres.password());
    }

    /** Starts a Java main of this class path in a process of its own, output to {@code log}. */
    static Process java(Path log, List<String> jvm, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvm);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitSimulator() {
        Path file = home.resolve("simulator.properties");
        BridgeSetup.await(() -> Files.exists(file) || !simulator.isAlive() ? Boolean.TRUE : null, START_TIMEOUT,
                "the simulator");
        if (!simulator.isAlive()) {
            throw new IllegalStateException("The simulator stopped; see " + home.resolve("simulator.log"));
        }
        try (Reader in = Files.newBufferedReader(file)) {
            sim.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceConfig common(int httpPort, String database) {
        postgres.jdbcUrl(database); // creates it
        return ServiceConfig.service(secrets, httpPort, true,
                "jdbc:postgresql://localhost:" + postgres.port() + "/" + database, postgres.username(),
                postgres.password());
    }

    private Path simTrustStore() {
        return Path.of(sim.getProperty("trust-store"));
    }

    /** The pid of this JVM's child running {@code jar} (ServiceProcess does not show it). */
    private static long pidOf(Path jar) {
        String path = jar.toAbsolutePath().toString();
        return ProcessHandle.current().children()
                .filter(p -> p.isAlive() && p.info().arguments().map(a -> List.of(a).contains(path)).orElse(false))
                .mapToLong(ProcessHandle::pid).max()
                .orElseThrow(() -> new IllegalStateException("No process runs " + path));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        relays.forEach(ServiceProcess::stop);
        if (credential != null) {
            credential.stop();
        }
        simulator.destroy();
        try {
            simulator.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postgres.close();
    }
}
