package io.exchangebridge.importer.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;

/**
 * Stands in for credential-service's token endpoint: {@code POST /api/credentials/{id}/token} with HTTP Basic, minting
 * real simulator tokens, or answering 404 / 409 / 503 as switched. Like the real broker it keeps answering the same
 * token until a request names it as rejected ({@code rejectedTokenSha256}); the fingerprints received are recorded.
 */
public final class FakeCredentialService implements AutoCloseable {

    public static final String USER = "import-service";
    public static final String PASSWORD = "import-pass";

    /** How a credential answers. */
    public enum Mode {
        READY, CONSENT_REQUIRED, UNAVAILABLE
    }

    private static final Pattern REJECTED = Pattern.compile("\"rejectedTokenSha256\"\\s*:\\s*\"([^\"]+)\"");

    private final ExchangeSimulator sim;
    private final HttpServer server;
    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Map<String, String> current = new ConcurrentHashMap<>();
    private final List<String> rejectedFingerprints = new CopyOnWriteArrayList<>();

    public FakeCredentialService(ExchangeSimulator sim) throws IOException {
        this.sim = sim;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/credentials/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeCredentialService credential(String id, AppRegistration app) {
        apps.put(id, app);
        modes.put(id, Mode.READY);
        return this;
    }

    public void mode(String id, Mode mode) {
        modes.put(id, mode);
    }

    /** Tokens minted so far (a cached token answered again does not count). */
    public int issued() {
        return issued.get();
    }

    /** The token currently answered for the credential, null before the first request. */
    public String current(String id) {
        return current.get(id);
    }

    /** The {@code rejectedTokenSha256} values received, in order. */
    public List<String> rejectedFingerprints() {
        return List.copyOf(rejectedFingerprints);
    }

    /** Base64url SHA-256, as the broker expects the fingerprint of a token. */
    public static String sha256(String token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 5 || !"token".equals(parts[4])
                    || !body.contains("\"graph\"")) {
                send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400}");
                return;
            }
            String id = parts[3];
            AppRegistration app = apps.get(id);
            if (app == null) {
                send(exchange, 404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No credential.\"}");
                return;
            }
            switch (modes.get(id)) {
                case CONSENT_REQUIRED -> send(exchange, 409, "{\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"Credential needs consent.\",\"status\":\"CONSENT_REQUIRED\","
                        + "\"code\":\"AADSTS65001\",\"explanation\":\"An administrator must grant consent again.\","
                        + "\"consentUrl\":\"https://broker.example/consent/" + id + "\"}");
                case UNAVAILABLE -> {
                    exchange.getResponseHeaders().add("Retry-After", "30");
                    send(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
                }
                case READY -> {
                    Matcher m = REJECTED.matcher(body);
                    String rejected = m.find() ? m.group(1) : null;
                    if (rejected != null) {
                        rejectedFingerprints.add(rejected);
                    }
                    String token;
                    synchronized (current) {
                        token = current.get(id);
                        if (token == null || sha256(token).equals(rejected)) {
                            token = sim.tokens().applicationToken(app, Resources.GRAPH);
                            current.put(id, token);
                            issued.incrementAndGet();
                        }
                    }
                    send(exchange, 200, "{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\""
                            + Instant.now().plusSeconds(3600)
                            + "\",\"resource\":\"graph\",\"scopes\":[\"Mail.ReadWrite\"]}");
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
