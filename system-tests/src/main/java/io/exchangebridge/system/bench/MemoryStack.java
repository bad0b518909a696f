package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.system.ApiClient;
import io.exchangebridge.system.BridgeSetup;
import io.exchangebridge.system.ProjectLayout;
import io.exchangebridge.system.ServiceProcess;
import io.exchangebridge.system.StackSecrets;

/**
 * What {@code bench/memory.sh} measures: PostgreSQL ({@link BenchPostgres}), the exchange-simulator (in this process)
 * and each packaged service in its own process with the production JVM options inside its manifest's memory limit
 * ({@link BenchServices#containerJvmOptions}). Two modes: {@code mixed} drives token hand-outs, REST mail and imports
 * for {@code --minutes} ({@link MixedLoad}) and reports each service's peak RSS; {@code import-sizes} imports one
 * message of each size in {@code --sizes} (MB) with a freshly started import-service each and reports its peak RSS.
 * Results go to stdout as {@code RESULT} lines and to {@code <home>/memory.tsv}.
 */
public final class MemoryStack {

    /** The manifests' memory limits ({@code quarkus.kubernetes.resources.limits.memory}). */
    static final Map<String, Integer> LIMIT_MIB = Map.of("credential-service", 256, "import-service", 384,
            "smtp-service", 384);

    static final String CREDENTIAL_ID = "bench-app";

    private MemoryStack() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = BenchArgs.parse(args, List.of("home", "mode", "minutes", "sizes"));
        Path home = Path.of(BenchArgs.required(options, "home")).toAbsolutePath();
        String mode = BenchArgs.required(options, "mode");

        List<AutoCloseable> opened = new ArrayList<>();
        try {
            StackSecrets secrets = StackSecrets.loadOrCreate(home.resolve("secrets.properties"));
            BenchPostgres postgres = BenchPostgres.start(home.resolve("postgres"));
            opened.add(postgres);
            System.out.println("POSTGRES " + postgres.settings());
            ExchangeSimulator simulator = ExchangeSimulator.builder().seed(DemoTenant::seed).start();
            opened.add(simulator);
            simulator.mail().throttle().enabled(false);
            BenchServices wiring = new BenchServices(postgres, simulator,
                    simulator.writeTrustStore(home.resolve("simulator-trust.p12")), secrets);

            ServiceProcess credential = service(home, "credential-service",
                    wiring::credential, List.of(), opened);
            ApiClient admin = new ApiClient(credential.baseUrl(), "admin", secrets.get("credential-admin"));
            BridgeSetup.registerAppCredential(admin, CREDENTIAL_ID);
            int importPort = BenchArgs.freePort();
            ServiceProcess importer = service(home, "import-service", importPort,
                    wiring.importer(importPort, credential.baseUrl()), wiring.importerJvmOptions(), opened);
            ApiClient importAdmin = new ApiClient(importer.baseUrl(), "admin", secrets.get("import-admin"));
            Map<String, ServiceProcess> measured = new LinkedHashMap<>();
            measured.put("credential-service", credential);
            measured.put("import-service", importer);

            if (mode.equals("mixed")) {
                int relayPort = BenchArgs.freePort();
                ServiceProcess relay = service(home, "smtp-service", relayPort,
                        wiring.relay(relayPort, BenchArgs.freePort(), credential.baseUrl()), List.of(), opened);
                measured.put("smtp-service", relay);
                ApiClient relayAdmin = new ApiClient(relay.baseUrl(), "admin", secrets.get("relay-admin"));
                BridgeSetup.addRoute(relayAdmin, DemoTenant.DOMAIN, CREDENTIAL_ID, DemoTenant.SHARED, "SMTP");
                BridgeSetup.addMailbox(importAdmin, "bench-mixed", DemoTenant.SHARED, CREDENTIAL_ID, "DELETE");
                Duration length = Duration.ofSeconds(Math.round(
                        Double.parseDouble(options.getOrDefault("minutes", "10")) * 60));
                MixedLoad load = new MixedLoad(simulator,
                        new ApiClient(credential.baseUrl(), BenchServices.IMPORT_CLIENT,
                                secrets.get("import-service-client")),
                        importAdmin, new ApiClient(relay.baseUrl(), "app", secrets.get("relay-sender")),
                        CREDENTIAL_ID, "bench-mixed");
                Map<String, Long> peaks = load.run(length, pids(measured));
                for (var entry : measured.entrySet()) {
                    long pid = BenchArgs.childPid(jar(entry.getKey()));
                    result(home, "mixed", entry.getKey(), LIMIT_MIB.get(entry.getKey()), Rss.peakMiB(pid),
                            Rss.currentMiB(pid), peaks.getOrDefault(entry.getKey(), 0L),
                            "anon=" + Rss.anonymousMiB(pid) + "MiB " + load.summary());
                }
            } else if (mode.equals("import-sizes")) {
                importSizes(home, simulator, importer, importAdmin, options.getOrDefault("sizes", "0.02,1,10,25"));
            } else {
                throw new IllegalArgumentException("--mode mixed or import-sizes");
            }
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                BenchArgs.closeQuietly(opened.get(i));
            }
        }
    }

    /** One message of each size, each imported by a freshly started import-service (VmHWM starts anew). */
    private static void importSizes(Path home, ExchangeSimulator simulator, ServiceProcess importer,
            ApiClient importAdmin, String sizes) {
        int n = 0;
        String mailbox = "bench-sizes";
        for (String size : sizes.split(",")) {
            double megabytes = Double.parseDouble(size.strip());
            n++;
            if (n > 1) {
                importer.stop();
                importer.start();
                importer.awaitReady(Duration.ofMinutes(3));
            }
            if (n == 1) {
                BridgeSetup.addMailbox(importAdmin, mailbox, DemoTenant.SHARED, CREDENTIAL_ID, "DELETE");
            }
            // A first run, with nothing to import, loads the import path's classes; the baseline is read after it.
            BridgeSetup.awaitRun(importAdmin, BridgeSetup.startImport(importAdmin, mailbox), Duration.ofMinutes(2));
            long pid = BenchArgs.childPid(jar("import-service"));
            long before = Rss.peakMiB(pid);
            byte[] mime = SizedMessage.mime((long) (megabytes * 1024 * 1024), n);
            simulator.mail().mailbox(DemoTenant.SHARED).add("inbox").mime(mime);
            long started = System.nanoTime();
            var run = BridgeSetup.awaitRun(importAdmin, BridgeSetup.startImport(importAdmin, mailbox),
                    Duration.ofMinutes(5));
            long millis = (System.nanoTime() - started) / 1_000_000;
            int imported = run.path("mailboxes").path(0).path("imported").asInt();
            result(home, "import-size", "import-service", LIMIT_MIB.get("import-service"), Rss.peakMiB(pid),
                    Rss.currentMiB(pid), before, String.format("anon=%dMiB message=%.2fMiB imported=%d took=%dms",
                            Rss.anonymousMiB(pid), mime.length / 1048576.0, imported, millis));
        }
    }

    private interface Config {
        Map<String, String> of(int port);
    }

    private static ServiceProcess service(Path home, String name, Config config, List<String> extra,
            List<AutoCloseable> opened) {
        int port = BenchArgs.freePort();
        return service(home, name, port, config.of(port), extra, opened);
    }

    private static ServiceProcess service(Path home, String name, int port, Map<String, String> config,
            List<String> extra, List<AutoCloseable> opened) {
        List<String> jvm = new ArrayList<>(BenchServices.containerJvmOptions(LIMIT_MIB.get(name)));
        jvm.addAll(extra);
        ServiceProcess process = new ServiceProcess(name, jar(name), home.resolve(name), port, config, jvm);
        opened.add(process);
        process.start();
        process.awaitReady(Duration.ofMinutes(3));
        System.out.println("STARTED " + name + " " + String.join(" ", BenchServices.containerJvmOptions(
                LIMIT_MIB.get(name))));
        return process;
    }

    private static Path jar(String service) {
        return ProjectLayout.serviceJar(service).toAbsolutePath();
    }

    private static Map<String, Long> pids(Map<String, ServiceProcess> services) {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.keySet().forEach(name -> pids.put(name, BenchArgs.childPid(jar(name))));
        return pids;
    }

    private static void result(Path home, String mode, String service, int limit, long peak, long current,
            long other, String detail) {
        String line = String.join("\t", mode, service, limit + "MiB", peak + "MiB", current + "MiB", other + "MiB",
                detail);
        System.out.println("RESULT\t" + line);
        try {
            Files.writeString(home.resolve("memory.tsv"), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
