package io.exchangebridge.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus (Debian's {@code prometheus} package, which {@code ./run-tests.sh} installs) scraping the packaged
 * services' {@code /q/metrics} every second and evaluating the given rule groups every second; its HTTP API answers
 * queries. Its data lives in a temporary directory and goes with {@link #close()}.
 */
final class Prometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scrape job: a service's instances and the user and password it reads {@code /q/metrics} with. */
    record Job(String name, List<String> baseUrls, String user, String password) {
    }

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    private Prometheus(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static String binary() {
        for (String candidate : List.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("Prometheus is needed for DashboardQueriesIT: Debian's \"prometheus\" package "
                + "(./run-tests.sh installs it; else apt-get install prometheus)");
    }

    static Prometheus start(Path dir, List<Job> jobs, JsonNode ruleGroups) throws IOException {
        Files.createDirectories(dir);
        // JSON is YAML: the rule file is the PrometheusRule's groups as they are
        Files.writeString(dir.resolve("rules.yml"), JSON.writeValueAsString(Map.of("groups", ruleGroups)));
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - rules.yml
                scrape_configs:
                """);
        for (Job job : jobs) {
            Path password = dir.resolve(job.name() + ".password");
            Files.writeString(password, job.password());
            String targets = job.baseUrls().stream().map(u -> "'" + URI.create(u).getAuthority() + "'")
                    .collect(Collectors.joining(", "));
            config.append("""
                      - job_name: %s
                        metrics_path: /q/metrics
                        basic_auth:
                          username: %s
                          password_file: %s
                        static_configs:
                          - targets: [%s]
                    """.formatted(job.name(), job.user(), password.toAbsolutePath(), targets));
        }
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = freePort();
        Process process = new ProcessBuilder(binary(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        Prometheus prometheus = new Prometheus(process, URI.create("http://127.0.0.1:" + port));
        BridgeSetup.await(() -> prometheus.ready() ? Boolean.TRUE : null, Duration.ofSeconds(60),
                "Prometheus to be ready (log: " + dir.resolve("prometheus.log") + ")");
        return prometheus;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("Prometheus exited with " + process.exitValue());
        }
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET of an API path ({@code /api/v1/...}); its {@code data}. Fails on any answer but success. */
    JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(answer.body());
            if (answer.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError(pathAndQuery + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The result of an instant query (a vector's samples; a scalar's value pair). */
    JsonNode query(String expr) {
        return api("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("result");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
