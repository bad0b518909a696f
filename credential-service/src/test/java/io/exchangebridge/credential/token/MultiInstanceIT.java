package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.EmbeddedPostgres;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Two instances of the packaged service on one database: 50 parallel requests spread over both cause exactly one token
 * request at Entra; a restarted instance serves the stored token without calling Entra.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class MultiInstanceIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Process second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.destroy();
        }
    }

    @Test
    void twoInstancesOneEntraCallAndRestartKeepsTokens() throws Exception {
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "multi-secret");
        create(appCredential("multi-1", clientId, "multi-secret"));

        URI first = URI.create("http://localhost:" + RestAssured.port + "/");
        int port = freePort();
        second = startInstance(port);
        URI other = URI.create("http://localhost:" + port + "/");
        long before = SimulatorTestResource.current().requestLog().count("entra", "token");

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            URI target = i % 2 == 0 ? first : other;
            answers.add(pool.submit(() -> {
                go.await();
                return http.send(tokenRequest(target), HttpResponse.BodyHandlers.ofString());
            }));
        }
        go.countDown();
        Set<String> tokens = new HashSet<>();
        for (Future<HttpResponse<String>> f : answers) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            tokens.add(json.readTree(r.body()).get("accessToken").asText());
        }
        pool.shutdown();
        assertThat(tokens).hasSize(1);
        assertThat(SimulatorTestResource.current().requestLog().count("entra", "token") - before).isEqualTo(1);

        // Restart the second instance: its memory is gone, the database still has everything.
        second.destroy();
        second.waitFor();
        second = startInstance(port);
        HttpResponse<String> again = http.send(tokenRequest(other), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("accessToken").asText()).isEqualTo(tokens.iterator().next());
        assertThat(SimulatorTestResource.current().requestLog().count("entra", "token") - before).isEqualTo(1);
    }

    private HttpRequest tokenRequest(URI base) {
        String auth = Base64.getEncoder().encodeToString("app1:app1-pass".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve("api/credentials/multi-1/token"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resource\":\"graph\"}")).build();
    }

    /** Starts the packaged application once more, on the same database and simulator. */
    private Process startInstance(int port) throws IOException {
        EmbeddedPostgres db = PostgresTestResource.current();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.profile=test");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl("app"));
        command.add("-Dquarkus.datasource.username=" + db.username());
        command.add("-Dquarkus.datasource.password=" + db.password());
        for (Map.Entry<String, String> e : SimulatorTestResource.overrides().entrySet()) {
            command.add("-D" + e.getKey() + "=" + e.getValue());
        }
        command.add("-jar");
        command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "second-instance-" + port + ".log").toFile()).start();
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> http
                .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
