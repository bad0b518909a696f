package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A subscriber's webhook for tests, on the JDK's HTTP server: answers Graph's validation handshake by echoing the
 * decoded {@code validationToken} as {@code text/plain}, and records every notification it gets.
 */
final class SubscriptionReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    private final List<String> tokens = new ArrayList<>();
    private volatile boolean echo = true;
    private volatile Duration handshakeDelay = Duration.ZERO;
    private final AtomicInteger failuresLeft = new AtomicInteger();

    SubscriptionReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The webhook's URL (http: the simulator must be told to allow it). */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answer handshakes with something other than the token. */
    void refuseHandshakes() {
        echo = false;
    }

    /** Answer handshakes only after this long. */
    void delayHandshakes(Duration delay) {
        handshakeDelay = delay;
    }

    /** Answer the next {@code n} notifications with 503. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    synchronized List<String> validationTokens() {
        return List.copyOf(tokens);
    }

    /** The next notification item ({@code value[i]} of a POST) to arrive, or fails after the timeout. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode next = notifications.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("No notification within " + timeout);
        }
        return next;
    }

    /** Whether no notification arrives within the wait. */
    boolean quietFor(Duration wait) throws InterruptedException {
        return notifications.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("validationToken=")) {
                String token = URLDecoder.decode(query.substring("validationToken=".length()),
                        StandardCharsets.UTF_8);
                synchronized (this) {
                    tokens.add(token);
                }
                pause(handshakeDelay);
                send(exchange, 200, echo ? token : "not the token");
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 503, "");
                return;
            }
            JSON.readTree(body).path("value").forEach(notifications::add);
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
