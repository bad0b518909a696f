package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.MessageSeed;
import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * {@code /_sim/mail}: seeding, inspection and fault switches over HTTP, for tests in other modules and shell scripts.
 * Paths are documented in the module README.
 */
final class MailAdminHandler implements HttpHandler {

    static final String PREFIX = "/_sim/mail";

    private final GraphMail mail;

    MailAdminHandler(GraphMail mail) {
        this.mail = mail;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = Exchanges.body(exchange);
            String path = Exchanges.pathBelow(exchange, PREFIX);
            List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            try {
                respond(exchange, route(exchange.getRequestMethod(), segments, query, body));
            } catch (IllegalArgumentException | IllegalStateException e) {
                respond(exchange, new Answer(400, JsonNodeFactory.instance.objectNode().put("error", e.getMessage())));
            }
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer route(String method, List<String> s, Map<String, String> query, byte[] body) throws IOException {
        if (s.equals(List.of("throttling"))) {
            if (method.equals("PUT")) {
                JsonNode json = JsonBodies.MAPPER.readTree(body);
                Throttle.Limits current = mail.throttle().limits();
                mail.throttle().enabled(json.path("enabled").asBoolean(mail.throttle().enabled()));
                mail.throttle().limits(new Throttle.Limits(json.path("concurrent").asInt(current.concurrent()),
                        json.path("requestsPerWindow").asInt(current.requestsPerWindow()),
                        Duration.ofSeconds(json.path("windowSeconds").asLong(current.window().toSeconds())),
                        json.path("uploadBytesPerWindow").asLong(current.uploadBytesPerWindow()),
                        Duration.ofSeconds(
                                json.path("uploadWindowSeconds").asLong(current.uploadWindow().toSeconds()))));
            }
            Throttle.Limits limits = mail.throttle().limits();
            return new Answer(200, JsonNodeFactory.instance.objectNode().put("enabled", mail.throttle().enabled())
                    .put("concurrent", limits.concurrent()).put("requestsPerWindow", limits.requestsPerWindow())
                    .put("windowSeconds", limits.window().toSeconds())
                    .put("uploadBytesPerWindow", limits.uploadBytesPerWindow())
                    .put("uploadWindowSeconds", limits.uploadWindow().toSeconds()));
        }
        if (s.equals(List.of("faults")) && method.equals("DELETE")) {
            mail.faults().clear();
            return new Answer(204, null);
        }
        if (s.equals(List.of("reset")) && method.equals("POST")) {
            mail.reset();
            return new Answer(204, null);
        }
        if (s.size() == 3 && s.get(0).equals("mailboxes")) {
            MailboxStore mailbox = mail.mailbox(s.get(1));
            String key = method + " " + s.get(2);
            return switch (key) {
                case "POST messages" -> new Answer(201, summary(seed(mailbox, query, body)));
                case "GET messages" -> new Answer(200, messages(mailbox, query.getOrDefault("folder", "inbox")));
                case "POST folders" -> new Answer(201, createFolder(mailbox, JsonBodies.MAPPER.readTree(body)));
                case "GET sent" -> new Answer(200, sent(mail.sent(mailbox.upn())));
                case "POST faults" -> {
                    fault(mailbox.upn(), JsonBodies.MAPPER.readTree(body));
                    yield new Answer(204, null);
                }
                default -> new Answer(404, JsonNodeFactory.instance.objectNode().put("error", "No such admin path"));
            };
        }
        return new Answer(404, JsonNodeFactory.instance.objectNode().put("error", "No such admin path"));
    }

    private static StoredMessage seed(MailboxStore mailbox, Map<String, String> query, byte[] mime) {
        MessageSeed seed = mailbox.add(query.getOrDefault("folder", "inbox"));
        if (query.containsKey("receivedDateTime")) {
            seed.receivedAt(Instant.parse(query.get("receivedDateTime")));
        }
        seed.read(Boolean.parseBoolean(query.getOrDefault("isRead", "false")));
        return seed.mime(mime);
    }

    private static ObjectNode summary(StoredMessage m) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode().put("id", m.restId())
                .put("immutableId", m.immutableId()).put("folderId", m.folderId())
                .put("subject", m.summary().subject()).put("isRead", m.read()).put("isDraft", m.draft())
                .put("receivedDateTime", MessageJson.date(m.receivedAt())).put("size", m.size());
        ObjectNode properties = summary.putObject("extendedProperties");
        m.extendedProperties().forEach(properties::put);
        return summary;
    }

    private static ArrayNode messages(MailboxStore mailbox, String folder) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        mailbox.messages(folder).forEach(m -> array.add(summary(m)));
        return array;
    }

    private static ObjectNode createFolder(MailboxStore mailbox, JsonNode json) {
        String parent = json.path("parent").asText(mailbox.root().id());
        MailFolder folder = mailbox.createFolder(parent, json.path("displayName").asText(),
                json.path("hidden").asBoolean(false));
        return JsonNodeFactory.instance.objectNode().put("id", folder.id()).put("displayName", folder.displayName())
                .put("isHidden", folder.isHidden());
    }

    private static ArrayNode sent(List<SentMail> sent) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (SentMail m : sent) {
            ObjectNode item = array.addObject().put("at", m.at().toString()).put("from", m.from())
                    .put("subject", m.subject()).put("format", m.format())
                    .put("savedToSentItems", m.savedToSentItems())
                    .put("mime", Base64.getEncoder().encodeToString(m.mime()));
            m.recipients().forEach(item.putArray("recipients")::add);
        }
        return array;
    }

    /**
     * {@code {"fault":
     * "throttle|error|slow|drop|uploadChunkError|uploadChunkDrop|restDisabled|restEnabled|maxMessageSize|quotaExceeded|
     * expireSyncState", ...}}.
     */
    private void fault(String mailbox, JsonNode json) {
        int count = json.path("count").asInt(1);
        GraphFaults faults = mail.faults();
        switch (json.path("fault").asText()) {
            case "throttle" -> faults.throttleNext(mailbox, count, RetryAfter.parse(json.path("retryAfter").asText(
                    "seconds:1")));
            case "error" -> faults.failNext(mailbox, count, json.path("status").asInt(503));
            case "slow" -> faults.slowNext(mailbox, count, Duration.ofMillis(json.path("millis").asLong(1000)));
            case "drop" -> faults.dropNext(mailbox, count);
            case "uploadChunkError" -> faults.failNextUploadChunks(mailbox, count, json.path("status").asInt(503));
            case "uploadChunkDrop" -> faults.dropNextUploadChunks(mailbox, count);
            case "restDisabled" -> faults.restEnabled(mailbox, false);
            case "restEnabled" -> faults.restEnabled(mailbox, true);
            case "maxMessageSize" -> faults.maxMessageSize(mailbox, json.path("bytes").asLong());
            case "expireSyncState" -> mail.expireSyncState(mailbox);
            case "quotaExceeded" -> faults.quotaExceeded(mailbox, json.path("value").asBoolean(true));
            default -> throw new IllegalArgumentException("Unknown fault '" + json.path("fault").asText() + "'");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
            return;
        }
        byte[] bytes = JsonBodies.MAPPER.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
