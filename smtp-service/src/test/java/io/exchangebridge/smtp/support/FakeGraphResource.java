package io.exchangebridge.smtp.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for Graph's {@code POST /v1.0/users/{mailbox}/sendMail} on a dynamic port: records what it gets and
 * answers 202, or 403 {@code ErrorSendAsDenied} for mailboxes starting with "denied". (The simulator's Graph cannot
 * parse MIME inside a Quarkus test yet: Angus Mail is found through another class loader.)
 */
public class FakeGraphResource implements QuarkusTestResourceLifecycleManager {

    /** One sendMail request. */
    public record Request(String mailbox, String authorization, String contentType, byte[] mime) {
    }

    public static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1.0/users/", FakeGraphResource::answer);
        server.start();
        return Map.of("relay.graph.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String mailbox = path.substring("/v1.0/users/".length(), path.length() - "/sendMail".length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        REQUESTS.add(new Request(mailbox, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                Base64.getMimeDecoder().decode(new String(body, StandardCharsets.US_ASCII))));
        if (mailbox.startsWith("denied")) {
            byte[] error = "{\"error\":{\"code\":\"ErrorSendAsDenied\",\"message\":\"The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, error.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(error);
            }
        } else {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
