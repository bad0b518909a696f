package io.exchangebridge.smtp.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.Tenant;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Exchange simulator in-process (dynamic ports) and a fake credential-service on a dynamic port that mints
 * real simulator tokens for credential {@value #CREDENTIAL} (and ids starting with it); both can be reached by tests
 * through static accessors. Like the real broker, the fake answers the same token per credential and resource until it
 * expires or a request names it as rejected ({@code rejectedTokenSha256}, recorded in {@link #REJECTED_FINGERPRINTS}).
 */
public class RelayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TENANT = "contoso.onmicrosoft.com";
    public static final String CREDENTIAL = "contoso-relay";
    public static final String CLIENT_ID = "6a3e0c1b-0000-4000-8000-00000000b1d6";
    public static final String SERVICE_USER = "smtp-service";
    public static final String SERVICE_PASSWORD = "fake-credential-service-password";

    /** What the fake credential-service answers instead of a token (status, or 0 for a token). */
    public static final AtomicInteger FAIL_STATUS = new AtomicInteger();
    /** Token requests the fake answered with a token. */
    public static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    /** When set, the fake hands out this value as the token (e.g. a forged one). */
    public static final AtomicReference<String> TOKEN_OVERRIDE = new AtomicReference<>();

    /** The {@code rejectedTokenSha256} values the fake received, in order. */
    public static final List<String> REJECTED_FINGERPRINTS = new CopyOnWriteArrayList<>();

    private record Issued(String token, Instant expiresAt) {
    }

    private static final Map<String, Issued> CURRENT = new ConcurrentHashMap<>();

    /** How long the fake takes to answer a token request (a slow credential-service). */
    public static final AtomicReference<java.time.Duration> TOKEN_DELAY = new AtomicReference<>(
            java.time.Duration.ZERO);

    /** Lifetime of the tokens the fake hands out (its {@code expiresAt}). */
    public static final AtomicReference<java.time.Duration> TOKEN_LIFETIME = new AtomicReference<>(
            java.time.Duration.ofHours(1));

    private static volatile ExchangeSimulator sim;
    private HttpServer fake;
    private Path dir;

    public static ExchangeSimulator sim() {
        return sim;
    }

    @Override
    public Map<String, String> start() {
        sim = ExchangeSimulator.builder().start();
        Tenant contoso = sim.tenant(TENANT);
        contoso.user("alice@" + TENANT).password("Passw0rd!");
        contoso.user("bob@" + TENANT);
        contoso.sharedMailbox("info@" + TENANT).grantSendAs("alice@" + TENANT);
        AppRegistration app = contoso.app(CLIENT_ID)
                .applicationRoles(Resources.OUTLOOK, "SMTP.SendAsApp")
                .applicationRoles(Resources.GRAPH, "Mail.Send", "Mail.ReadWrite");
        try {
            dir = Files.createTempDirectory("relay-test");
            Path trustStore = sim.writeTrustStore(dir.resolve("sim.p12"));
            fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            fake.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            fake.createContext("/api/credentials/", exchange -> answer(exchange, app));
            fake.start();
            return Map.ofEntries(
                    Map.entry("credential-client.url", "http://127.0.0.1:" + fake.getAddress().getPort()),
                    Map.entry("credential-client.username", SERVICE_USER),
                    Map.entry("credential-client.password", SERVICE_PASSWORD),
                    Map.entry("relay.smtp.host", "localhost"),
                    Map.entry("relay.smtp.port", String.valueOf(sim.smtpPort())),
                    Map.entry("relay.smtp.trust-store", trustStore.toString()),
                    Map.entry("relay.smtp.trust-store-password", sim.trustStorePassword()),
                    Map.entry("relay.graph.url", sim.graphBaseUrl()),
                    Map.entry("relay.graph.trust-store", trustStore.toString()),
                    Map.entry("relay.graph.trust-store-password", sim.trustStorePassword()),
                    Map.entry("relay.outbox.poll-interval", "PT0.2S"),
                    Map.entry("relay.outbox.initial-backoff", "PT0.2S"),
                    Map.entry("relay.outbox.max-backoff", "PT1S"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern PATH = Pattern.compile("/api/credentials/([^/]+)/token");
    private static final Pattern RESOURCE = Pattern.compile("\"resource\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern REJECTED = Pattern.compile("\"rejectedTokenSha256\"\\s*:\\s*\"([^\"]+)\"");

    /** The token the fake currently answers for a credential and resource, null if none. */
    public static String current(String credentialId, String resource) {
        Issued issued = CURRENT.get(credentialId + "\n" + resource);
        return issued == null ? null : issued.token();
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

    private static void answer(HttpExchange exchange, AppRegistration app) throws IOException {
        try {
            Thread.sleep(TOKEN_DELAY.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((SERVICE_USER + ":" + SERVICE_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher resource = RESOURCE.matcher(body);
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json", "{}");
        } else if (!"POST".equals(exchange.getRequestMethod()) || !path.matches() || !resource.find()) {
            send(exchange, 400, "application/json", "{}");
        } else if (!path.group(1).startsWith(CREDENTIAL)) {
            send(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}");
        } else if (FAIL_STATUS.get() == 409) {
            send(exchange, 409, "application/problem+json", "{\"status\":\"NEEDS_CONSENT\",\"code\":\"AADSTS65001\","
                    + "\"explanation\":\"An administrator must grant consent again.\"}");
        } else if (FAIL_STATUS.get() != 0) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, FAIL_STATUS.get(), "application/problem+json", "{\"status\":" + FAIL_STATUS.get() + "}");
        } else {
            String r = resource.group(1);
            Matcher rejected = REJECTED.matcher(body);
            String fingerprint = rejected.find() ? rejected.group(1) : null;
            if (fingerprint != null) {
                REJECTED_FINGERPRINTS.add(fingerprint);
            }
            String override = TOKEN_OVERRIDE.get();
            Issued issued;
            if (override != null) {
                TOKENS_ISSUED.incrementAndGet();
                issued = new Issued(override, Instant.now().plus(TOKEN_LIFETIME.get()));
            } else {
                String key = path.group(1) + "\n" + r;
                synchronized (CURRENT) {
                    issued = CURRENT.get(key);
                    if (issued == null || !issued.expiresAt().isAfter(Instant.now())
                            || sha256(issued.token()).equals(fingerprint)) {
                        issued = new Issued(sim.tokens().applicationToken(app,
                                "graph".equals(r) ? Resources.GRAPH : Resources.OUTLOOK),
                                Instant.now().plus(TOKEN_LIFETIME.get()));
                        CURRENT.put(key, issued);
                        TOKENS_ISSUED.incrementAndGet();
                    }
                }
            }
            send(exchange, 200, "application/json", "{\"accessToken\":\"" + issued.token()
                    + "\",\"tokenType\":\"Bearer\",\"expiresAt\":\"" + issued.expiresAt()
                    + "\",\"resource\":\"" + r + "\",\"scopes\":[]}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop(0);
        }
        CURRENT.clear();
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }
}
