package io.exchangebridge.credential.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A webhook receiver on a dynamic port that records every delivery; the very first delivery is answered with a 500, so
 * that tests see the retry.
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "hook-secret-for-tests";

    /** One delivery as received. */
    public record Delivery(String signature, String timestamp, String event, String body, int answeredWith) {
    }

    public static final List<Delivery> DELIVERIES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = COUNT.getAndIncrement() == 0 ? 500 : 204;
            DELIVERIES.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Exchange-Bridge-Event"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("credential.webhook.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "credential.webhook.secret", SECRET,
                "credential.webhook.initial-backoff", "0.1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
