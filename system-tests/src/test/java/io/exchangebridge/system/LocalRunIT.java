package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.DemoTenant;

/**
 * The README's run command, as a newcomer uses it: {@code LocalRun} (what {@code ./run-local.sh} ends in) started as
 * its own process on the README's ports (moved by {@code --port-offset} to a free range), in its own process group like
 * a program in a terminal. It must bring everything up, run the demo, print the summary, and on Ctrl-C (SIGINT to the
 * whole group, as a terminal sends it) stop every process and free every port; with a port taken it must refuse to
 * start and say which.
 */
class LocalRunIT {

    private static final Pattern POSTGRES_PORT = Pattern.compile("PostgreSQL ready on port (\\d+)");

    private Path home;
    /**
     * The README's ports moved by an offset at which all are free, so a local run of the developer's does not matter.
     */
    private int offset;
    private Map<String, Integer> ports;

    @BeforeEach
    void freshHome() throws IOException {
        home = Files.createTempDirectory("local-run-it");
        offset = IntStream.rangeClosed(20, 40).map(i -> i * 1000)
                .filter(o -> PortCheck.takenPorts(BridgeStack.localPorts(o)).isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no free set of ports for the local run"));
        ports = BridgeStack.localPorts(offset);
    }

    @AfterEach
    void removeHome() {
        BridgeStack.deleteRecursively(home);
    }

    @Test
    void aTakenPortIsNamedAndNothingStarts() throws Exception {
        int port = ports.get(BridgeStack.IMPORTER);
        try (ServerSocket occupier = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            Process run = start();
            assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("exits by itself").isTrue();
            assertThat(run.exitValue()).isEqualTo(2);
            assertThat(read("err.txt")).contains("Cannot start: port " + port + " (import-service) is in use")
                    .contains("Stop what uses it").contains("--port-offset");
            assertThat(home.resolve("postgres")).as("nothing was started").doesNotExist();
        }
    }

    @Test
    void aWrongArgumentGetsTheUsage() throws Exception {
        Process run = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dlocal-run.home=" + home, "-jar", jar().toString(), "--port-offset", "lots")
                .redirectOutput(home.resolve("out.txt").toFile()).redirectError(home.resolve("err.txt").toFile())
                .start();
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).isEqualTo(2);
        assertThat(read("err.txt")).contains("Usage: ./run-local.sh [--port-offset N]");
    }

    @Test
    void theDemoRunsAndCtrlCStopsEverything() throws Exception {
        Process run = start();
        try {
            String out = awaitOutput(run, "Exchange Bridge is running locally", Duration.ofMinutes(6));
            assertThat(out).as("progress while starting").contains("exchange-simulator ready at")
                    .contains("waiting for credential-service").contains("smtp-service ready in")
                    .contains("everything up in");
            assertThat(out).contains("Demo results        import SUCCEEDED:").contains("SMTP mail SENT; REST mail SENT")
                    .contains("/api/credentials/" + LocalRun.USER_CREDENTIAL + "/consent")
                    .contains("http://localhost:" + ports.get(BridgeStack.CREDENTIAL) + "/q/swagger-ui");
            Matcher postgres = POSTGRES_PORT.matcher(out);
            assertThat(postgres.find()).as("PostgreSQL's port is reported").isTrue();
            int postgresPort = Integer.parseInt(postgres.group(1));
            List<ProcessHandle> children = run.descendants().toList();
            assertThat(children).as("the three services run as child processes").hasSizeGreaterThanOrEqualTo(3);
            servicesRunWithTheProductionJvmOptions(out, children);
            theAdminUiShowsTheDemoMailboxAndRoute();

            // Ctrl-C in a terminal: SIGINT to the foreground process group
            signalGroup(run, ctrlCSignal());
            if (!run.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("The local run did not stop within two minutes of Ctrl-C.\nOutput:\n"
                        + read("out.txt") + "\nStill running:\n" + threadDumps(run));
            }
            assertThat(read("out.txt")).contains("Stopping services, simulator and PostgreSQL").contains("Stopped.");
            assertThat(children).as("no service process is left").noneMatch(ProcessHandle::isAlive);
            assertThat(PortCheck.takenPorts(ports)).as("every port of the local run is free")
                    .isEmpty();
            assertThat(PortCheck.takenPorts(Map.of("postgres", postgresPort))).as("PostgreSQL stopped").isEmpty();
            noGeneratedSecretIn(read("out.txt") + read("err.txt") + serviceLogs());
        } finally {
            if (run.isAlive()) {
                signalGroup(run, "KILL");
            }
        }
    }

    @Test
    void runLocalShSaysClearlyWhenTheJdkIsTooOld() throws Exception {
        // a "java" that is a JDK 17, first on the PATH, and no newer JDK where the script looks for one
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, """
                #!/bin/sh
                echo '    java.specification.version = 17' >&2
                echo 'openjdk version "17.0.12"' >&2
                """);
        fakeJava.toFile().setExecutable(true);
        ProcessBuilder script = new ProcessBuilder("bash", ProjectLayout.root().resolve("run-local.sh").toString())
                .redirectOutput(home.resolve("out.txt").toFile()).redirectError(home.resolve("err.txt").toFile());
        script.environment().remove("JAVA_HOME");
        script.environment().put("PATH", bin + ":/usr/bin:/bin");
        script.environment().put("JVM_SEARCH_DIR", Files.createDirectories(home.resolve("no-jdks")).toString());
        Process run = script.start();
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(read("err.txt")).contains("Exchange Bridge needs a JDK 21 or newer; found 17.")
                .contains("point JAVA_HOME at it");
        assertThat(home.resolve("postgres")).as("nothing was started").doesNotExist();
    }

    /**
     * The services run with {@code deploy/jvm-options} (what the images and manifests carry), not the system tests'
     * light options, and the summary says so.
     */
    private static void servicesRunWithTheProductionJvmOptions(String out, List<ProcessHandle> children) {
        List<String> production = BridgeStack.productionJvmOptions();
        assertThat(production).isNotEmpty();
        assertThat(out).contains("JVM options         as in production (deploy/jvm-options): "
                + String.join(" ", production));
        List<List<String>> services = children.stream()
                .map(child -> List.of(child.info().arguments().orElse(new String[0])))
                .filter(arguments -> arguments.stream().anyMatch(a -> a.endsWith("quarkus-run.jar"))).toList();
        assertThat(services).as("command lines of the three services").hasSize(3).allSatisfy(arguments -> assertThat(
                arguments).containsAll(production).doesNotContainAnyElementsOf(BridgeStack.LIGHT_JVM_OPTIONS));
    }

    /**
     * The admin UI's Mailboxes and Sender routes pages read the other two services: as the admin, over HTTP, they list
     * the demo's mailbox account and sender route instead of "Not connected".
     */
    private void theAdminUiShowsTheDemoMailboxAndRoute() {
        ApiClient admin = new ApiClient("http://localhost:" + ports.get(BridgeStack.CREDENTIAL), "admin",
                StackSecrets.loadOrCreate(home.resolve("secrets.properties")).get("credential-admin"));
        String mailboxes = uiPage(admin, "/ui/mailboxes");
        assertThat(mailboxes).as("/ui/mailboxes").doesNotContain("Not connected to the import-service")
                .doesNotContain("id=\"peer-error\"").contains("id=\"mailbox-" + LocalRun.MAILBOX_ACCOUNT + "\"")
                .contains(DemoTenant.SHARED).contains(LocalRun.APP_CREDENTIAL);
        String routes = uiPage(admin, "/ui/routes");
        assertThat(routes).as("/ui/routes").doesNotContain("Not connected to the smtp-service")
                .doesNotContain("id=\"peer-error\"")
                .containsPattern(
                        "<td data-label=\"Sender\">(<a [^>]*>)?" + Pattern.quote(DemoTenant.DOMAIN) + "(</a>)?</td>")
                .contains("<td data-label=\"Sends as mailbox\">" + DemoTenant.SHARED + "</td>")
                .contains("/ui/credentials/" + LocalRun.APP_CREDENTIAL);
    }

    /**
     * A page of the admin UI once its peer answered in time: on a loaded machine the peer's first answer may exceed the
     * UI's 5 s timeout ("could not be reached"), which a reload repeats; any other page is returned as it is.
     */
    private static String uiPage(ApiClient admin, String path) {
        return BridgeSetup.await(() -> {
            String page = admin.get(path).expect(200).text();
            return page.contains("could not be reached") ? null : page;
        }, Duration.ofMinutes(1), path + " with an answer from its service");
    }

    /** {@code LocalRun} in a new session, so that it has its own process group, like a program started in a shell. */
    private Process start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder("setsid", java, "-Dlocal-run.home=" + home, "-jar", jar().toString(),
                "--port-offset", String.valueOf(offset))
                .directory(ProjectLayout.root().toFile())
                .redirectOutput(home.resolve("out.txt").toFile()).redirectError(home.resolve("err.txt").toFile())
                .start();
    }

    /** The output once it holds {@code marker}; fails at once (an Error, not retried) when the run ended before. */
    private String awaitOutput(Process run, String marker, Duration timeout) {
        return BridgeSetup.await(() -> {
            String out = read("out.txt");
            if (out.contains(marker)) {
                return out;
            }
            if (!run.isAlive()) {
                throw new AssertionError("The local run ended (exit " + run.exitValue() + ") before printing '"
                        + marker + "'.\nOutput:\n" + out + "\nErrors:\n" + read("err.txt"));
            }
            return null;
        }, timeout, "'" + marker + "' from the local run");
    }

    /** The passwords and key the local run generated are only in its secrets file. */
    private void noGeneratedSecretIn(String text) {
        List<String> secrets = StackSecrets.loadOrCreate(home.resolve("secrets.properties")).all();
        assertThat(secrets).hasSize(StackSecrets.NAMES.size());
        for (String secret : secrets) {
            assertThat(text).as("console and service logs").doesNotContain(secret);
        }
        assertThat(text).doesNotContain(DemoTenant.CLIENT_SECRET);
    }

    private String serviceLogs() throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("services"))) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().equals("service.log")).toList();
            assertThat(logs).as("a log per service").hasSize(3);
            StringBuilder all = new StringBuilder();
            for (Path log : logs) {
                all.append(Files.readString(log, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }

    /**
     * SIGINT, what Ctrl-C sends; SIGTERM when this JVM was started with SIGINT ignored, as a non-interactive shell
     * starts a background job ({@code ./run-tests.sh &}). The local run inherits the ignored SIGINT, and a JVM never
     * handles a signal it was started ignoring, so it would not stop; SIGTERM runs the same shutdown hook.
     */
    private static String ctrlCSignal() throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).map(line -> line.substring(7).trim()).findFirst()
                .orElse("0");
        boolean sigintIgnored = (Long.parseUnsignedLong(ignored, 16) & (1L << (2 - 1))) != 0;
        if (sigintIgnored) {
            System.out.println("SIGINT is ignored in this test JVM (started in the background?): sending SIGTERM");
        }
        return sigintIgnored ? "TERM" : "INT";
    }

    /** What the processes that are still alive are doing (jcmd's thread dump), for a failure message. */
    private static String threadDumps(Process run) {
        StringBuilder dumps = new StringBuilder();
        Stream.concat(Stream.of(run.toHandle()), run.descendants()).filter(ProcessHandle::isAlive).forEach(p -> {
            dumps.append("--- pid ").append(p.pid()).append(' ')
                    .append(String.join(" ", p.info().arguments().orElse(new String[0]))).append('\n');
            try {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(p.pid()), "Thread.print").redirectErrorStream(true).start();
                String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                jcmd.waitFor(30, TimeUnit.SECONDS);
                dumps.append(text).append('\n');
            } catch (IOException e) {
                dumps.append("(no thread dump: ").append(e.getMessage()).append(")\n");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return dumps.toString();
    }

    private static Path jar() {
        return ProjectLayout.root().resolve("system-tests/target/system-tests.jar");
    }

    private static void signalGroup(Process leader, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + leader.pid()).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();
    }

    private String read(String file) {
        Path path = home.resolve(file);
        try {
            return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
