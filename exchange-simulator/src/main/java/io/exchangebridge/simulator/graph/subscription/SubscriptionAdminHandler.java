package io.exchangebridge.simulator.graph.subscription;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.http.HttpExchanges;

/**
 * {@code /_sim/subscriptions}: inspection, switches and lifecycle events over HTTP, for system tests and scripts. Paths
 * are listed in the module README. Client states are not shown: they are the subscribers' secrets.
 */
final class SubscriptionAdminHandler implements HttpHandler {

    static final String PREFIX = "/_sim/subscriptions";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GraphSubscriptions subscriptions;

    SubscriptionAdminHandler(GraphSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            List<String> s = Arrays.stream(HttpExchanges.pathAfter(exchange, PREFIX).split("/"))
                    .filter(x -> !x.isEmpty()).map(x -> URLDecoder.decode(x, StandardCharsets.UTF_8)).toList();
            String method = exchange.getRequestMethod();
            try {
                JsonNode answer = route(method, s, body);
                if (answer == null) {
                    HttpExchanges.sendEmpty(exchange, method.equals("POST") ? 202 : 204);
                } else {
                    HttpExchanges.sendJson(exchange, 200, answer);
                }
            } catch (SubscriptionFailure e) {
                HttpExchanges.sendJson(exchange, e.kind().status(), error(e.code(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                HttpExchanges.sendJson(exchange, 400, error("invalidRequest", e.getMessage()));
            }
        }
    }

    /** The JSON answer (200), or null for 202 (POST) / 204 (PUT, DELETE). */
    private JsonNode route(String method, List<String> s, byte[] body) throws IOException {
        String path = s.size() >= 2 && !s.get(0).equals("settings") && !s.get(0).equals("deliveries")
                ? "{id}" + (s.size() > 1 ? "/" + String.join("/", s.subList(1, s.size())) : "")
                : String.join("/", s);
        return switch (method + " " + path) {
            case "GET " -> list();
            case "DELETE " -> {
                subscriptions.reset();
                yield null;
            }
            case "GET deliveries" -> deliveries();
            case "PUT settings" -> {
                settings(body);
                yield null;
            }
            case "POST {id}/lifecycle" -> {
                subscriptions.lifecycle(s.get(0), json(body).path("event").asText(""));
                yield null;
            }
            case "POST {id}/expire" -> {
                subscriptions.expireNow(s.get(0));
                yield null;
            }
            default -> throw new SubscriptionFailure(SubscriptionFailure.Kind.NOT_FOUND, "notFound",
                    "No such admin path: " + method + " " + PREFIX + "/" + String.join("/", s));
        };
    }

    private ArrayNode list() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (SimSubscription v : subscriptions.all()) {
            array.addObject().put("id", v.id()).put("resource", v.resource()).put("changeType", v.changeType())
                    .put("notificationUrl", v.notificationUrl())
                    .put("lifecycleNotificationUrl", v.lifecycleNotificationUrl().orElse(null))
                    .put("expirationDateTime", SubscriptionJson.date(v.expiration())).put("appId", v.appId())
                    .put("hasClientState", v.clientState().isPresent());
        }
        return array;
    }

    private ArrayNode deliveries() throws IOException {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Delivery d : subscriptions.delivered()) {
            ObjectNode item = array.addObject().put("kind", d.kind().name().toLowerCase(Locale.ROOT))
                    .put("subscriptionId", d.subscriptionId()).put("status", d.status())
                    .put("attempt", d.attempt()).put("at", d.at().toString());
            if (!d.body().isEmpty()) {
                JsonNode sent = MAPPER.readTree(d.body());
                // the subscriber's secret stays between Graph and the subscriber
                sent.path("value").forEach(v -> ((ObjectNode) v).remove("clientState"));
                item.set("body", sent);
            }
        }
        return array;
    }

    /** {@code {"duplicates":2,"delayMillis":500,"allowHttp":true,"retryBackoffMillis":100}}, each optional. */
    private void settings(byte[] body) {
        JsonNode json = json(body);
        if (json.has("duplicates")) {
            subscriptions.duplicates(json.get("duplicates").asInt());
        }
        if (json.has("delayMillis")) {
            subscriptions.delay(Duration.ofMillis(json.get("delayMillis").asLong()));
        }
        if (json.has("allowHttp")) {
            subscriptions.allowHttp(json.get("allowHttp").asBoolean());
        }
        if (json.has("retryBackoffMillis")) {
            subscriptions.retryBackoff(Duration.ofMillis(json.get("retryBackoffMillis").asLong()));
        }
    }

    private static JsonNode json(byte[] body) {
        try {
            return body.length == 0 ? JsonNodeFactory.instance.objectNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not JSON");
        }
    }

    private static ObjectNode error(String code, String message) {
        return JsonNodeFactory.instance.objectNode().put("error", code).put("message", message);
    }
}
