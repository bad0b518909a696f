package io.exchangebridge.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code quarkus-run.jar}) as a separate {@code java} process. Its configuration is a
 * {@code config/application.properties} in its own working directory — where Quarkus looks for an operator's file, as a
 * mounted ConfigMap would be in Kubernetes — so that no password appears on a command line. Output goes to
 * {@code service.log} in that directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final int httpPort;
    private final List<String> jvmOptions;
    private Process process;

    public ServiceProcess(String name, Path jar, Path workDir, int httpPort, Map<String, String> config,
            List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.workDir = workDir;
        this.httpPort = httpPort;
        this.jvmOptions = List.copyOf(jvmOptions);
        writeConfig(config);
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public Path log() {
        return workDir.resolve("service.log");
    }

    /** Everything the process wrote so far (all runs: the log is appended to across restarts). */
    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the services first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /**
     * Waits until {@code /q/health/ready} answers 200, and answers how long that took.
     *
     * @throws IllegalStateException
     *             when the process ends or the timeout passes first, with the end of its log
     */
    public Duration awaitReady(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!isRunning()) {
                throw new IllegalStateException(name + " stopped while starting (exit code " + process.exitValue()
                        + "). End of " + log() + ":\n" + tail(40));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ". End of " + log() + ":\n"
                + tail(40));
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: the process gets no chance to finish anything (SIGKILL on Linux). */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, which Quarkus answers with a graceful shutdown; SIGKILL if it takes longer than 30 s. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the log, to show why a start failed. */
    public String tail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeConfig(Map<String, String> config) {
        try {
            Path file = workDir.resolve("config/application.properties");
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("# Written by the local stack for " + name + "; rewritten at every start.\n");
                for (var entry : config.entrySet()) {
                    out.write(entry.getKey() + "=" + escape(entry.getValue()) + "\n");
                }
            }
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the configuration of " + name, e);
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
