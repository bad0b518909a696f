package io.exchangebridge.simulator.limits;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.http.HttpExchanges;

/**
 * The recipient limits over HTTP, to mount at {@code /_sim/limits}.
 *
 * <pre> GET /_sim/limits {"recipientsPerDay", "recipientsPerMessage", "externalRecipientsPerDay"} PATCH /_sim/limits
 * any of those fields; answers the limits DELETE /_sim/limits counters forgotten, default limits GET
 * /_sim/limits/mailboxes/{upn} {"upn", "recipientsSent", "freesAt"} (last 24 hours) GET /_sim/limits/tenants/{tenantId}
 * {"tenantId", "externalRecipientsSent"} </pre>
 */
public final class SendingLimitsAdminHandler implements HttpHandler {

    private static final String PREFIX = "/_sim/limits";
    private static final Set<String> FIELDS = Set.of("recipientsPerDay", "recipientsPerMessage",
            "externalRecipientsPerDay");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SendingLimits limits;

    public SendingLimitsAdminHandler(SendingLimits limits) {
        this.limits = limits;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = HttpExchanges.pathAfter(exchange, PREFIX).replaceAll("/$", "");
            try {
                route(exchange, exchange.getRequestMethod(), route);
            } catch (IllegalArgumentException e) {
                HttpExchanges.sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void route(HttpExchange exchange, String method, String route) throws IOException {
        if (method.equals("GET") && route.startsWith("/mailboxes/")) {
            String upn = decode(route.substring("/mailboxes/".length()));
            HttpExchanges.sendJson(exchange, 200,
                    Map.of("upn", upn, "recipientsSent", limits.recipientsSent(upn), "freesAt",
                            limits.mailboxFreesAt(upn, 1).toString()));
            return;
        }
        if (method.equals("GET") && route.startsWith("/tenants/")) {
            String tenant = decode(route.substring("/tenants/".length()));
            HttpExchanges.sendJson(exchange, 200, Map.of("tenantId", tenant, "externalRecipientsSent",
                    limits.externalRecipientsSent(tenant)));
            return;
        }
        switch (method + " " + route) {
            case "GET " -> HttpExchanges.sendJson(exchange, 200, view());
            case "PATCH " -> {
                patch(body(exchange));
                HttpExchanges.sendJson(exchange, 200, view());
            }
            case "DELETE " -> {
                limits.reset();
                HttpExchanges.sendEmpty(exchange, 204);
            }
            default -> HttpExchanges.sendJson(exchange, 404,
                    Map.of("error", "No such limits resource: " + method + " " + route));
        }
    }

    private void patch(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown field " + name);
            }
            if (!body.get(name).canConvertToInt()) {
                throw new IllegalArgumentException(name + " must be a number");
            }
        }
        if (body.has("recipientsPerDay")) {
            limits.recipientsPerDay(body.get("recipientsPerDay").asInt());
        }
        if (body.has("recipientsPerMessage")) {
            limits.recipientsPerMessage(body.get("recipientsPerMessage").asInt());
        }
        if (body.has("externalRecipientsPerDay")) {
            limits.externalRecipientsPerDay(body.get("externalRecipientsPerDay").asInt());
        }
    }

    private Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("recipientsPerDay", limits.recipientsPerDay());
        view.put("recipientsPerMessage", limits.recipientsPerMessage());
        view.put("externalRecipientsPerDay", limits.externalRecipientsPerDay());
        return view;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = HttpExchanges.readBody(exchange);
        try {
            JsonNode node = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (!node.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
