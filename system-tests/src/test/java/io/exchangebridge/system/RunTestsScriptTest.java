package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-tests.sh}, the README's test command, on a "fresh machine": a copy of the script and the JDK library it
 * sources, run with a PATH holding only the basic tools it needs plus fakes ({@code id}, {@code apt-get},
 * {@code kubectl}, {@code java}) and a fake {@code mvnw} that records that it was reached. Without Chromium or kubectl
 * it must either install them or stop within seconds, naming the packages, and never start Maven; with them it must run
 * exactly {@code ./mvnw -B verify <arguments>} with the JDK it picked.
 */
class RunTestsScriptTest {

    /** The real tools the script and the JDK library call; everything else on the PATH is a fake or absent. */
    private static final List<String> TOOLS = List.of("bash", "sh", "env", "dirname", "awk", "cut", "head", "sed");

    /** A script that must fail this fast is not waiting for a build. */
    private static final Duration QUICK = Duration.ofSeconds(20);

    private Path dir;
    private Path checkout;
    private Path bin;
    private Path calls;

    @BeforeEach
    void freshMachine() throws IOException {
        dir = Files.createTempDirectory("run-tests-sh");
        checkout = Files.createDirectories(dir.resolve("checkout"));
        Path root = ProjectLayout.root();
        Files.copy(root.resolve("run-tests.sh"), checkout.resolve("run-tests.sh"));
        Files.createDirectories(checkout.resolve("scripts/lib"));
        Files.copy(root.resolve("scripts/lib/jdk.sh"), checkout.resolve("scripts/lib/jdk.sh"));
        calls = dir.resolve("calls.txt");
        script(checkout.resolve("mvnw"), "echo \"mvnw JAVA_HOME=$JAVA_HOME $*\" >> '" + calls + "'");
        bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : TOOLS) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(prefix -> Path.of(prefix + tool))
                    .filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " not found in /usr/bin or /bin"));
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        // apt-get exists but cannot install anything (no network, no repository), and says what it was asked
        script(bin.resolve("apt-get"),
                "echo \"apt-get $*\" >> '" + calls + "'\necho 'E: Unable to locate package' >&2\n"
                        + "exit 100");
    }

    @AfterEach
    void removeDir() {
        BridgeStack.deleteRecursively(dir);
    }

    @Test
    void withoutRootItStopsAtOnceNamingEveryPackage() throws Exception {
        user(1000);
        Result result = run(Map.of());
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.err).contains("Cannot run the tests: missing chromium chromium-driver kubectl prometheus.")
                .contains("This user cannot install packages (not root, no password-less sudo)")
                .contains("sudo apt-get update && sudo apt-get install chromium chromium-driver kubectl prometheus")
                .contains("Debian's kubernetes-client is too old");
        assertThat(calls()).as("neither apt-get nor Maven was started").isEmpty();
    }

    @Test
    void asRootItTriesAptGetAndStopsNamingWhatItCouldNotInstall() throws Exception {
        user(0);
        Result result = run(Map.of());
        assertThat(result.exit).isEqualTo(3);
        assertThat(calls()).as("apt-get asked once for the index, then per tool set; Maven never")
                .containsExactly("apt-get update -qq",
                        "apt-get install -y -qq --no-install-recommends chromium chromium-driver",
                        "apt-get install -y -qq --no-install-recommends kubectl",
                        "apt-get install -y -qq --no-install-recommends prometheus");
        assertThat(result.err).contains("Cannot run the tests: missing chromium chromium-driver kubectl prometheus.")
                .contains("Installing them with apt-get failed");
    }

    @Test
    void aKubectlOlderThan127CountsAsMissing() throws Exception {
        user(1000);
        kubectl("v1.20.2");
        prometheus();
        Result result = run(browser());
        assertThat(result.exit).isEqualTo(3);
        assertThat(result.err).contains("Cannot run the tests: missing kubectl.")
                .contains("found: Client Version: v1.20.2").doesNotContain("chromium-driver");
        assertThat(calls()).isEmpty();
    }

    @Test
    void withEverythingThereItRunsMavenVerifyWithTheArguments() throws Exception {
        user(1000);
        kubectl("v1.32.4");
        prometheus();
        Result result = run(browser(), "-DskipITs", "-pl", "deploy-checks");
        assertThat(result.exit).as(result.err).isZero();
        assertThat(calls()).containsExactly(
                "mvnw JAVA_HOME=" + System.getProperty("java.home") + " -B verify -DskipITs -pl deploy-checks");
        assertThat(result.out).contains("Using ").contains("kubectl v1.32.4");
    }

    @Test
    void aTooOldJdkIsNamedBeforeAnythingElse() throws Exception {
        user(0);
        fakeJdk(bin, 17);
        Result result = run(Map.of("JVM_SEARCH_DIR", Files.createDirectories(dir.resolve("no-jdks")).toString()),
                List.of(), false);
        assertThat(result.exit).isEqualTo(1);
        assertThat(result.err).contains("Exchange Bridge needs a JDK 21 or newer; found 17.")
                .contains("point JAVA_HOME at it");
        assertThat(calls()).as("no apt-get, no Maven").isEmpty();
    }

    @Test
    void aJdk21UnderJvmSearchDirIsPickedWhenTheDefaultJavaIsOlder() throws Exception {
        user(1000);
        kubectl("v1.32.4");
        prometheus();
        fakeJdk(bin, 17);
        Path jdks = Files.createDirectories(dir.resolve("jvm"));
        Path jre = Files.createDirectories(jdks.resolve("a-jre-21/bin"));
        fakeJdk(jre, 21);
        Files.delete(jre.resolve("javac"));
        Path jdk = Files.createDirectories(jdks.resolve("b-jdk-21"));
        fakeJdk(Files.createDirectories(jdk.resolve("bin")), 21);
        Map<String, String> env = new java.util.HashMap<>(browser());
        env.put("JVM_SEARCH_DIR", jdks.toString());
        Result result = run(env, List.of(), false);
        assertThat(result.exit).as(result.err).isZero();
        assertThat(calls()).as("the JDK (with javac), not the JRE")
                .containsExactly("mvnw JAVA_HOME=" + jdk + " -B verify");
    }

    @Test
    void ciRunsExactlyTheReadmeCommand() throws IOException {
        Path root = ProjectLayout.root();
        List<String> ci = Files.readAllLines(root.resolve(".ci/run")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ci).last().isEqualTo("exec ./run-tests.sh");
        assertThat(String.join("\n", ci)).doesNotContain("mvnw").doesNotContain("apt-get");
        assertThat(Files.readString(root.resolve("README.md"))).contains("\n    ./run-tests.sh\n");
        for (String script : List.of("run-tests.sh", "run-local.sh")) {
            assertThat(Files.readString(root.resolve(script))).as(script + " uses the one JDK search")
                    .contains(". scripts/lib/jdk.sh").doesNotContain("java_major() {");
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> env, String... arguments) throws Exception {
        return run(env, List.of(arguments), true);
    }

    /** Runs the copied script; {@code withJavaHome}: JAVA_HOME is this test's JDK (else it is unset). */
    private Result run(Map<String, String> env, List<String> arguments, boolean withJavaHome) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("bash").toString(),
                checkout.resolve("run-tests.sh").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CHROM") || name.startsWith("JAVA")
                || name.startsWith("JVM_") || name.startsWith("MAVEN"));
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("JVM_SEARCH_DIR", Files.createDirectories(dir.resolve("no-jdks")).toString());
        // where nothing is installed
        builder.environment().put("CHROMIUM", dir.resolve("absent/chromium").toString());
        builder.environment().put("CHROMEDRIVER", dir.resolve("absent/chromedriver").toString());
        if (withJavaHome) {
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        }
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        boolean ended = process.waitFor(QUICK.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("run-tests.sh finished within " + QUICK + ": " + read("err.txt")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK);
        return new Result(process.exitValue(), read("out.txt"), read("err.txt"));
    }

    private void user(int uid) throws IOException {
        script(bin.resolve("id"), "[ \"$1\" = -u ] && echo " + uid);
    }

    private void kubectl(String version) throws IOException {
        script(bin.resolve("kubectl"), "echo 'Client Version: " + version + "'\necho 'Kustomize Version: v5.5.0'");
    }

    /** Stand-ins for Debian's prometheus package on the PATH. */
    private void prometheus() throws IOException {
        script(bin.resolve("prometheus"), "echo 'prometheus, version 2.42.0+ds'");
        script(bin.resolve("promtool"), "echo 'promtool, version 2.42.0+ds'");
    }

    /** Executable stand-ins at the paths given in CHROMIUM and CHROMEDRIVER. */
    private Map<String, String> browser() throws IOException {
        Path browser = Files.createDirectories(dir.resolve("browser"));
        script(browser.resolve("chromium"), "echo Chromium 140");
        script(browser.resolve("chromedriver"), "echo ChromeDriver 140");
        return Map.of("CHROMIUM", browser.resolve("chromium").toString(), "CHROMEDRIVER",
                browser.resolve("chromedriver").toString());
    }

    /** A {@code java} and {@code javac} in {@code dir} that report the given version, as the JDK search reads it. */
    private static void fakeJdk(Path dir, int major) throws IOException {
        script(dir.resolve("java"), "echo '    java.specification.version = " + major + "' >&2\n"
                + "echo 'openjdk version \"" + major + ".0.4\"' >&2");
        script(dir.resolve("javac"), "echo 'javac " + major + ".0.4'");
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        assertThat(file.toFile().setExecutable(true)).isTrue();
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private String read(String file) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
