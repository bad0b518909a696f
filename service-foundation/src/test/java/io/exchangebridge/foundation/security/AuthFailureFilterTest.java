package io.exchangebridge.foundation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTTP side of the brute-force limits, with real client addresses: Linux routes all of 127.0.0.0/8 to loopback, so
 * each client binds its socket to its own address and the server sees that address as the peer. 127.0.0.1 is the
 * trusted proxy of the test configuration; its {@code X-Forwarded-For} is believed, an untrusted peer's is not.
 */
@QuarkusTest
class AuthFailureFilterTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void hundredWrongPasswordsAreRefusedAfterTheThresholdWhileAnotherAddressIsNeitherRefusedNorSlowed()
            throws Exception {
        HttpClient attacker = client("127.0.0.2");
        HttpClient valid = client("127.0.0.1");
        assertThat(get(valid, "/secured/whoami", "alice-pass", null).statusCode()).isEqualTo(200); // warm up

        List<Integer> statuses = new ArrayList<>();
        long slowestValidMillis = 0;
        long twentiethMillis = 0;
        HttpResponse<String> firstRefusal = null;
        for (int i = 1; i <= 100; i++) {
            long start = System.nanoTime();
            HttpResponse<String> wrong = get(attacker, "/secured/whoami", "wrong-" + i, null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            statuses.add(wrong.statusCode());
            if (i == 20) {
                twentiethMillis = millis;
            }
            if (wrong.statusCode() == 429 && firstRefusal == null) {
                firstRefusal = wrong;
            }

            start = System.nanoTime();
            HttpResponse<String> ok = get(valid, "/secured/whoami", "alice-pass", null);
            slowestValidMillis = Math.max(slowestValidMillis, (System.nanoTime() - start) / 1_000_000);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("alice");
        }

        // slow-after 5, refuse-after 20: 5 plain 401s, 15 slowed 401s, then nothing but 429s.
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 100)).containsOnly(429);
        assertThat(twentiethMillis).as("the 20th attempt waits max-delay (PT1S)").isGreaterThanOrEqualTo(950);
        assertThat(slowestValidMillis).as("the valid client is not slowed").isLessThan(900);

        assertThat(firstRefusal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(firstRefusal.headers().firstValue("Retry-After").orElseThrow())).isBetween(880L,
                900L);
        assertThat(firstRefusal.body()).contains("\"status\":429", "\"title\":\"Too Many Requests\"",
                "\"instance\":\"/secured/whoami\"");

        // Refused even with the right password; health stays reachable.
        assertThat(get(attacker, "/secured/whoami", "alice-pass", null).statusCode()).isEqualTo(429);
        assertThat(get(attacker, "/q/health/live", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theForwardedAddressOfATrustedProxyIsLimitedAndAnUntrustedPeerCannotForgeIt() throws Exception {
        HttpClient proxy = client("127.0.0.1");
        for (int i = 1; i <= 20; i++) {
            assertThat(get(proxy, "/secured/whoami", "wrong", "198.51.100.9").statusCode()).isEqualTo(401);
        }
        assertThat(get(proxy, "/secured/whoami", "alice-pass", "198.51.100.9").statusCode()).isEqualTo(429);
        // The proxy's other clients and the proxy itself are not refused.
        assertThat(get(proxy, "/secured/whoami", "alice-pass", "198.51.100.10").statusCode()).isEqualTo(200);
        assertThat(get(proxy, "/secured/whoami", "alice-pass", null).statusCode()).isEqualTo(200);
        // 127.0.0.3 is not a trusted proxy: its X-Forwarded-For is ignored, it is judged by its own address.
        assertThat(get(client("127.0.0.3"), "/secured/whoami", "alice-pass", "198.51.100.9").statusCode())
                .isEqualTo(200);
    }

    @Test
    void requestsWithoutCredentialsAreNotCounted() throws Exception {
        HttpClient anonymous = client("127.0.0.4");
        for (int i = 0; i < 25; i++) {
            assertThat(get(anonymous, "/secured/whoami", null, null).statusCode()).isEqualTo(401);
        }
        assertThat(get(anonymous, "/secured/whoami", "alice-pass", null).statusCode()).isEqualTo(200);
    }

    private static HttpClient client(String localAddress) throws IOException {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(localAddress))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> get(HttpClient client, String path, String alicePassword, String forwardedFor)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root.getPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (alicePassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("alice:" + alicePassword).getBytes(StandardCharsets.UTF_8)));
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
