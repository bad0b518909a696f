package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.system.BridgeStack;
import io.exchangebridge.system.ProjectLayout;

/**
 * {@code bench/relay.sh}: relay throughput and CPU per message. For each build of smtp-service given
 * ({@code --builds=before=<jar>,after=<jar>}, in that order, {@code --rounds} times back to back) a relay process on a
 * fresh database is warmed up ({@code --warm-up} messages over 16 connections, not reported), then loaded from a
 * separate {@link RelayLoad} process with each of {@code --connections} (4,16,64) for {@code --messages} messages. A
 * run lasts from the first message until the outbox holds nothing due; it reports messages/s accepted (client side) and
 * delivered (last {@code sent_at}), and CPU seconds per 1,000 messages of the relay's JVM and of PostgreSQL (all its
 * processes) from {@code /proc}. Asserts nothing about time: it prints a table (and appends it to
 * {@code <home>/results.md}). {@code --jfr=<label>} records the relay of that build with JFR after its warm-up, to
 * {@code <home>/jfr/relay-<label>-<round>.jfr}.
 */
public final class RelayBench {

    private final Map<String, String> args;
    private final RelayBenchStack stack;
    private final Path home;
    private final List<String> rows = new ArrayList<>();

    private RelayBench(Map<String, String> args, RelayBenchStack stack, Path home) {
        this.args = args;
        this.stack = stack;
        this.home = home;
    }

    public static void main(String[] argv) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> args = new LinkedHashMap<>(Map.of("rounds", "1", "connections", "4,16,64", "messages",
                "4000", "warm-up", "4000", "timeout-ms", "30000", "builds",
                "current=" + ProjectLayout.serviceJar("smtp-service"), "jfr", "", "home",
                ProjectLayout.root().resolve(".local/bench-relay").toString()));
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0 || !args.containsKey(a.substring(2, eq))) {
                System.err.println("Unknown option " + a + "; options: " + args.keySet());
                System.exit(2);
            }
            args.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Path home = Path.of(args.get("home")).toAbsolutePath();
        System.out.println("Starting PostgreSQL, the simulator and credential-service under " + home + " …");
        try (RelayBenchStack stack = RelayBenchStack.start(home)) {
            new RelayBench(args, stack, home).runAll();
        }
    }

    private void runAll() throws Exception {
        Map<String, Path> builds = new LinkedHashMap<>();
        for (String b : args.get("builds").split(",")) {
            int eq = b.indexOf('=');
            builds.put(b.substring(0, eq), Path.of(b.substring(eq + 1)).toAbsolutePath());
        }
        String header = "Relay benchmark " + Instant.now() + "\n" + stack.postgresSettings() + "\nJVM "
                + Runtime.version() + ", relay JVM options " + BridgeStack.productionJvmOptions()
                + "\nbuilds " + builds + "\n\n| build | round | connections | messages | accepted msg/s | delivered"
                + " msg/s | relay CPU-s /1,000 | PostgreSQL CPU-s /1,000 | together ms/msg | client p50 / p99 / max ms"
                + " | timeouts | refused | load before → after |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";
        System.out.println(header);
        int rounds = Integer.parseInt(args.get("rounds"));
        for (int round = 1; round <= rounds; round++) {
            for (var build : builds.entrySet()) {
                runBuild(build.getKey(), build.getValue(), round);
            }
        }
        String table = header + "\n" + String.join("\n", rows) + "\n\n";
        System.out.println("\n" + table);
        Files.writeString(home.resolve("results.md"), table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void runBuild(String label, Path jar, int round) throws Exception {
        String name = "relay-" + label + "-" + round;
        boolean profile = List.of(args.get("jfr").split(",")).contains(label);
        RelayBenchStack.RelayProcess relay = stack.startRelay(name, jar, "relay_" + label + "_" + round, List.of());
        try (Connection db = stack.database(relay.database())) {
            Row warm = measure(relay, db, 16, Integer.parseInt(args.get("warm-up")), name + "-warm");
            System.out.println("  (warm-up of " + label + ", round " + round + ": " + warm.cells(label, round) + ")");
            if (profile) {
                // recorded after the warm-up, so that the profile shows the relay at work, not the JIT and the start
                jcmd(relay.pid(), "JFR.start", "name=bench", "settings=profile");
            }
            for (String c : args.get("connections").split(",")) {
                Row row = measure(relay, db, Integer.parseInt(c), Integer.parseInt(args.get("messages")),
                        name + "-" + c);
                String line = row.cells(label, round);
                rows.add(line);
                System.out.println(line);
            }
            if (profile) {
                Files.createDirectories(home.resolve("jfr"));
                jcmd(relay.pid(), "JFR.stop", "name=bench", "filename=" + home.resolve("jfr/" + name + ".jfr"));
            }
        } finally {
            relay.process().stop();
        }
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> line = new ArrayList<>(List.of(java.resolveSibling("jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
        }
    }

    private Row measure(RelayBenchStack.RelayProcess relay, Connection db, int connections, int messages, String run)
            throws Exception {
        String loadBefore = RelayCpuMeter.loadAverage();
        long postmaster = stack.postmasterPid();
        double relay0 = RelayCpuMeter.processSeconds(relay.pid());
        double pg0 = RelayCpuMeter.treeSeconds(postmaster);
        double started = System.currentTimeMillis() / 1000.0;
        Path log = home.resolve("load/" + run + ".log");
        ProcessBuilder load = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), RelayLoad.class.getName(), "--host=localhost",
                "--port=" + relay.listenerPort(), "--user=scanner", "--connections=" + connections,
                "--messages=" + messages, "--from=" + DemoTenant.SHARED, "--to=" + DemoTenant.BOB,
                "--run=" + run, "--timeout-ms=" + args.get("timeout-ms")));
        load.environment().put("RELAY_LOAD_PASSWORD", stack.relayPassword());
        Files.createDirectories(log.getParent());
        Process client = load.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = client.waitFor();
        Map<String, String> result = result(log, exit);
        awaitDrained(db);
        double relayCpu = RelayCpuMeter.processSeconds(relay.pid()) - relay0;
        double pgCpu = RelayCpuMeter.treeSeconds(postmaster) - pg0;
        String loadAfter = RelayCpuMeter.loadAverage();
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FILTER (WHERE status = 'SENT'),"
                + " count(*) FILTER (WHERE status = 'FAILED'), extract(epoch FROM max(sent_at))"
                + " FROM outbox_message WHERE created_at >= to_timestamp(?)")) {
            s.setDouble(1, started);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Row(connections, result, rs.getLong(1), rs.getLong(2), rs.getDouble(3) - started,
                        relayCpu, pgCpu, loadBefore, loadAfter);
            }
        }
    }

    private static Map<String, String> result(Path log, int exit) {
        try {
            String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The load client ended (" + exit
                            + ") without a result; see " + log));
            Map<String, String> values = new LinkedHashMap<>();
            for (String kv : line.substring(7).split(" ")) {
                values.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until no message is due or being sent (the partial index of due messages answers this cheaply). */
    private static void awaitDrained(Connection db) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        try (PreparedStatement s = db.prepareStatement("SELECT count(*) FROM outbox_message"
                + " WHERE status IN ('QUEUED', 'RETRYING', 'SENDING')")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("The outbox did not drain within 10 minutes");
    }

    private record Row(int connections, Map<String, String> client, long sent, long failed, double deliverSeconds,
            double relayCpu, double pgCpu, String loadBefore, String loadAfter) {

        String cells(String label, int round) {
            long accepted = Long.parseLong(client.get("accepted"));
            double per1000 = Math.max(accepted, 1) / 1000.0;
            return String.format(Locale.ROOT,
                    "| %s | %d | %d | %d accepted, %d sent, %d failed | %.0f | %.0f | %.2f | %.2f | %.2f |"
                            + " %s / %s / %s | %s | %s | %s → %s |",
                    label, round, connections, accepted, sent, failed,
                    accepted / Double.parseDouble(client.get("seconds")), sent / deliverSeconds, relayCpu / per1000,
                    pgCpu / per1000, (relayCpu + pgCpu) / per1000, client.get("p50ms"), client.get("p99ms"),
                    client.get("maxms"), client.get("timeouts"), client.get("refused"), loadBefore.split(" ")[0],
                    loadAfter.split(" ")[0]);
        }
    }
}
