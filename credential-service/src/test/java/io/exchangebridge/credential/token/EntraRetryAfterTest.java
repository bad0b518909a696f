package io.exchangebridge.credential.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Entra ID's {@code Retry-After} on a 503 is read in both of its forms, delay-seconds and HTTP-date, so that the
 * credential's next attempt waits as long as Entra asked.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
class EntraRetryAfterTest {

    private static HttpServer server;
    private static volatile String retryAfter;

    @Inject
    EntraTokenClient entra;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/token", exchange -> {
            byte[] body = "{\"error\":\"temporarily_unavailable\",\"error_codes\":[]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void readsDelaySeconds() {
        retryAfter = "7";
        assertThat(failure().retryAfter()).hasValue(Duration.ofSeconds(7));
    }

    @Test
    void readsAnHttpDate() {
        retryAfter = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        assertThat(failure().retryAfter()).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(122)));
    }

    private EntraResult.Failure failure() {
        String url = "http://localhost:" + server.getAddress().getPort() + "/token";
        EntraResult result = entra.call(url, EntraTokenClient.form());
        assertThat(result).isInstanceOf(EntraResult.Failure.class);
        EntraResult.Failure failure = (EntraResult.Failure) result;
        assertThat(failure.httpStatus()).isEqualTo(503);
        assertThat(failure.error()).isEqualTo("temporarily_unavailable");
        return failure;
    }
}
