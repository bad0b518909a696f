package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The admin API of the simulated Exchange SMTP, to mount at {@code /_sim/smtp}: inspect what arrived and flip the fault
 * switches from shell scripts and other modules' tests.
 *
 * <pre> GET /_sim/smtp host, port, limits GET /_sim/smtp/messages[?mailbox=upn] envelopes of accepted messages GET
 * /_sim/smtp/messages/{index}?mailbox=upn one message's raw bytes (message/rfc822) DELETE /_sim/smtp/messages forget
 * them GET /_sim/smtp/faults the switches DELETE /_sim/smtp/faults healthy again POST /_sim/smtp/faults/smtp-auth
 * {"tenant": id | "mailbox": upn, "enabled": false} POST /_sim/smtp/faults/send-as {"mailbox": upn, "denied": true}
 * POST /_sim/smtp/faults/failures {"count": 2, "failure": "MAILBOX_LOGON_FAILURE"} POST /_sim/smtp/faults/sending-limit
 * {"enabled": true} POST /_sim/smtp/faults/idle-timeout {"seconds": 2} (0: never) POST
 * /_sim/smtp/faults/mail-from-timeouts {"count": 1} </pre>
 */
public final class SmtpAdminHandler implements HttpHandler {

    private static final String PREFIX = "/_sim/smtp";

    private final ExchangeSmtpServer smtp;
    private final ObjectMapper json = new ObjectMapper();

    public SmtpAdminHandler(ExchangeSmtpServer smtp) {
        this.smtp = smtp;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String route = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
            route = route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
            String method = exchange.getRequestMethod();
            try {
                route(exchange, method, route);
            } catch (IllegalArgumentException | IOException e) {
                send(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange, String method, String route) throws IOException {
        String mailbox = query(exchange, "mailbox");
        switch (method + " " + route) {
            case "GET " -> send(exchange, 200, Map.of("host", smtp.host(), "port", smtp.port(), "hostName",
                    smtp.hostName(), "maxMessageSize", smtp.settings().maxMessageSize(), "messagesPerMinute",
                    smtp.settings().messagesPerMinute(), "idleTimeout", smtp.faults().idleTimeout().toString()));
            case "GET /messages" -> send(exchange, 200,
                    (mailbox == null ? smtp.outbox().all() : smtp.outbox().messages(mailbox)).stream()
                            .map(SmtpAdminHandler::envelope).toList());
            case "DELETE /messages" -> {
                smtp.outbox().clear();
                send(exchange, 204, null);
            }
            case "GET /faults" -> send(exchange, 200, smtp.faults().snapshot());
            case "DELETE /faults" -> {
                smtp.faults().reset();
                send(exchange, 204, null);
            }
            case "POST /faults/smtp-auth" -> {
                JsonNode body = body(exchange);
                boolean enabled = required(body, "enabled").asBoolean();
                if (body.hasNonNull("tenant")) {
                    smtp.faults().smtpAuthForTenant(body.get("tenant").asText(), enabled);
                } else {
                    smtp.faults().smtpAuthForMailbox(required(body, "mailbox").asText(), enabled);
                }
                send(exchange, 200, smtp.faults().snapshot());
            }
            case "POST /faults/send-as" -> {
                JsonNode body = body(exchange);
                smtp.faults().denySendAs(required(body, "mailbox").asText(), required(body, "denied").asBoolean());
                send(exchange, 200, smtp.faults().snapshot());
            }
            case "POST /faults/failures" -> {
                JsonNode body = body(exchange);
                smtp.faults().failNext(required(body, "count").asInt(),
                        SmtpFailure.valueOf(required(body, "failure").asText()));
                send(exchange, 200, smtp.faults().snapshot());
            }
            case "POST /faults/sending-limit" -> {
                smtp.faults().sendingLimit(required(body(exchange), "enabled").asBoolean());
                send(exchange, 200, smtp.faults().snapshot());
            }
            case "POST /faults/idle-timeout" -> {
                double seconds = required(body(exchange), "seconds").asDouble();
                smtp.faults().idleTimeout(Duration.ofMillis(Math.round(seconds * 1000)));
                send(exchange, 200, smtp.faults().snapshot());
            }
            case "POST /faults/mail-from-timeouts" -> {
                smtp.faults().timeOutAtNextMailFrom(required(body(exchange), "count").asInt());
                send(exchange, 200, smtp.faults().snapshot());
            }
            default -> rawOrNotFound(exchange, method, route, mailbox);
        }
    }

    private void rawOrNotFound(HttpExchange exchange, String method, String route, String mailbox)
            throws IOException {
        if (method.equals("GET") && route.matches("/messages/\\d+") && mailbox != null) {
            List<SmtpSubmission> messages = smtp.outbox().messages(mailbox);
            int index = Integer.parseInt(route.substring("/messages/".length()));
            if (index < messages.size()) {
                byte[] content = messages.get(index).content();
                exchange.getResponseHeaders().set("Content-Type", "message/rfc822");
                exchange.sendResponseHeaders(200, content.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(content);
                }
                return;
            }
        }
        send(exchange, 404, Map.of("error", "no such SMTP admin resource: " + method + " " + PREFIX + route));
    }

    private static Map<String, Object> envelope(SmtpSubmission s) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("receivedAt", s.receivedAt().toString());
        envelope.put("mailbox", s.mailbox());
        envelope.put("appId", s.appId());
        envelope.put("mailFrom", s.mailFrom());
        envelope.put("recipients", s.recipients());
        envelope.put("messageId", s.messageId());
        envelope.put("size", s.size());
        return envelope;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode node = json.readTree(in);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a JSON object is required");
            }
            return node;
        }
    }

    private static JsonNode required(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new IllegalArgumentException("missing field: " + field);
        }
        return body.get(field);
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
