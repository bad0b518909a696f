package io.exchangebridge.credential.token;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cached token hand-out under concurrent load: requests/s, p50/p99 latency and Entra calls during the run. Not part of
 * the regular test run (the name does not end in Test); run it on purpose:
 *
 * <pre> ./mvnw -B -pl credential-service -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
 * -Dtest=HandoutBenchmark -Dbenchmark.seconds=20 -Dbenchmark.concurrency=32 </pre>
 *
 * The load generator (JDK HttpClient, keep-alive) runs in the same JVM and on the same cores as the service.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class HandoutBenchmark {

    @TestHTTPResource("/")
    URL base;

    @Test
    void cachedHandout() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        int concurrency = Integer.getInteger("benchmark.concurrency", 32);
        String clientId = UUID.randomUUID().toString();
        ClientCredentialsTokenTest.app(clientId, "bench-secret");
        create(appCredential("bench-1", clientId, "bench-secret"));
        token("app1", "bench-1", "graph").then().statusCode(200);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("app1:app1-pass".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/credentials/bench-1/token"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resource\":\"graph\"}")).build();

        run(http, request, concurrency, 5); // warm-up
        long entraBefore = SimulatorTestResource.current().requestLog().count("entra", "token");
        long start = System.nanoTime();
        long[] latencies = run(http, request, concurrency, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long entraCalls = SimulatorTestResource.current().requestLog().count("entra", "token") - entraBefore;

        Arrays.sort(latencies);
        System.out.printf("BENCHMARK cached hand-out: concurrency=%d duration=%.1fs requests=%d rps=%.0f "
                + "p50=%.2fms p99=%.2fms max=%.2fms entraCalls=%d cores=%d%n", concurrency, elapsed, latencies.length,
                latencies.length / elapsed, latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6, latencies[latencies.length - 1] / 1e6, entraCalls,
                Runtime.getRuntime().availableProcessors());
        assertThat(entraCalls).isZero();

        // Optionally the same with ApacheBench (C, keep-alive), which costs the shared cores less than a JVM client.
        if (Boolean.getBoolean("benchmark.ab")) {
            java.nio.file.Path body = java.nio.file.Files.createTempFile("token", ".json");
            java.nio.file.Files.writeString(body, "{\"resource\":\"graph\"}");
            Process ab = new ProcessBuilder("ab", "-q", "-k", "-c", Integer.toString(concurrency), "-t",
                    Integer.toString(seconds), "-n", "10000000", "-p", body.toString(), "-T", "application/json", "-A",
                    "app1:app1-pass", base + "api/credentials/bench-1/token").redirectErrorStream(true).start();
            String out = new String(ab.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ab.waitFor();
            System.out.println("BENCHMARK ab:\n" + out);
            assertThat(SimulatorTestResource.current().requestLog().count("entra", "token") - entraBefore).isZero();
        }
    }

    /** Every worker sends requests back to back for the duration; returns all latencies in nanoseconds. */
    private static long[] run(HttpClient http, HttpRequest request, int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<long[]>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    long t = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode());
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = t;
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> w : workers) {
            parts.add(w.get());
        }
        pool.shutdown();
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }
}
