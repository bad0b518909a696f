package io.exchangebridge.credential.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the import-service's {@code GET /api/mailboxes} and the smtp-service's {@code GET /api/routes} (with
 * the fields those services answer, and more than the UI reads), behind HTTP Basic. The smtp-service is configured with
 * a wrong password, so that the page's error is seen too.
 */
public class PeerServicesResource implements QuarkusTestResourceLifecycleManager {

    static final String USER = "ui-reader";
    static final String PASSWORD = "reader-pass";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/import/api/mailboxes", exchange -> answer(exchange, """
                [{"id":"erp-inbox","mailbox":"erp@contoso.onmicrosoft.com","credentialId":"erp-mail",
                  "folder":"Inbox","afterImport":"MOVE","moveToFolder":"Imported","onlyUnread":true,
                  "maxMessageBytes":36700160,"enabled":true,"webhookSecretSet":false,
                  "createdAt":"2026-11-22T10:00:00Z","updatedAt":"2026-11-22T10:00:00Z"}]
                """));
        server.createContext("/smtp/api/routes", exchange -> answer(exchange, "[]"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("credential.ui.import-service.url", base + "/import",
                "credential.ui.import-service.user", USER,
                "credential.ui.import-service.password", PASSWORD,
                "credential.ui.smtp-service.url", base + "/smtp",
                "credential.ui.smtp-service.user", USER,
                "credential.ui.smtp-service.password", "wrong");
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
