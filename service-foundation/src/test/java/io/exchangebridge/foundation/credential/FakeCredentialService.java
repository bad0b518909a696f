package io.exchangebridge.foundation.credential;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A credential-service token endpoint on a dynamic port: answers tokens {@code token-1}, {@code token-2}, … or, when
 * {@link #ANSWER} is set, that status, body and headers. Records what each request carried. Also an OAuth 2.0 token
 * endpoint at {@code /oauth2/v2.0/token} (under {@code credential-client.url}), as Entra's, for the bearer tokens of
 * {@code credential-client.auth=oidc-client}: answers {@code oidc-1}, {@code oidc-2}, … valid for an hour.
 */
public class FakeCredentialService implements QuarkusTestResourceLifecycleManager {

    /** A canned answer instead of a token. */
    public record Answer(int status, String body, Map<String, String> headers) {
    }

    /** One request the fake received: path, Authorization header, body. */
    public record Received(String path, String authorization, String body) {
    }

    public static final AtomicReference<Answer> ANSWER = new AtomicReference<>();
    public static final AtomicReference<Duration> DELAY = new AtomicReference<>(Duration.ZERO);
    public static final AtomicReference<Duration> LIFETIME = new AtomicReference<>(Duration.ofHours(1));
    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** The token requests of the OIDC client: path {@code /oauth2/v2.0/token}, Authorization, form body. */
    public static final List<Received> TOKEN_REQUESTS = new CopyOnWriteArrayList<>();
    /** The traceparent header of each request to the token endpoint (null when it had none). */
    public static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger ISSUED = new AtomicInteger();
    private static final AtomicInteger OIDC_ISSUED = new AtomicInteger();

    private HttpServer server;

    public static void reset() {
        ANSWER.set(null);
        DELAY.set(Duration.ZERO);
        LIFETIME.set(Duration.ofHours(1));
        RECEIVED.clear();
        TOKEN_REQUESTS.clear();
        TRACEPARENTS.clear();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/credentials/", FakeCredentialService::answer);
        server.createContext("/oauth2/v2.0/token", FakeCredentialService::issue);
        server.start();
        return Map.of("credential-client.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void issue(HttpExchange exchange) throws IOException {
        TOKEN_REQUESTS.add(new Received(exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = ("{\"access_token\":\"oidc-" + OIDC_ISSUED.incrementAndGet()
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(new Received(exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        TRACEPARENTS.add(exchange.getRequestHeaders().getFirst("traceparent"));
        try {
            Thread.sleep(DELAY.get()); // a slow credential-service, the condition under test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Answer canned = ANSWER.get();
        if (canned == null) {
            canned = new Answer(200, "{\"accessToken\":\"token-" + ISSUED.incrementAndGet()
                    + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\"" + Instant.now().plus(LIFETIME.get())
                    + "\",\"resource\":\"graph\"}", Map.of());
        }
        canned.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type",
                canned.status() == 200 ? "application/json" : "application/problem+json");
        byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
