package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /$batch}: up to 20 requests, run in order, each authenticated, throttled and logged on its own; a request
 * whose {@code dependsOn} failed is answered 424.
 */
final class BatchOperation {

    static final int MAX_REQUESTS = 20;

    private final GraphApi api;

    BatchOperation(GraphApi api) {
        this.api = api;
    }

    GraphResponse run(GraphRequest outer) {
        if (!outer.method().equals("POST")) {
            throw GraphErrors.unsupportedMethod();
        }
        JsonNode requests = JsonBodies.read(outer).get("requests");
        if (requests == null || !requests.isArray()) {
            throw GraphErrors.badRequest("Invalid batch payload format.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw GraphErrors.badRequest("Invalid batch payload format: the number of requests exceeds the limit of "
                    + MAX_REQUESTS + ".");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode request : requests) {
            String id = request.path("id").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                throw GraphErrors.badRequest("Invalid batch payload format: every request needs a unique id.");
            }
        }
        Map<String, Integer> statuses = new HashMap<>();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode responses = body.putArray("responses");
        for (JsonNode request : requests) {
            String id = request.get("id").asText();
            ObjectNode entry = responses.addObject();
            entry.put("id", id);
            if (dependencyFailed(request.path("dependsOn"), statuses)) {
                statuses.put(id, 424);
                entry.put("status", 424);
                entry.set("body", JsonNodeFactory.instance.objectNode().set("error", JsonNodeFactory.instance
                        .objectNode().put("code", "FailedDependency").put("message", "Failed dependency.")));
                continue;
            }
            GraphResponse response = api.handle(inner(outer, request));
            if (response.dropConnection()) {
                response = GraphResponse.json(504, JsonNodeFactory.instance.objectNode().set("error",
                        JsonNodeFactory.instance.objectNode().put("code", "UnknownError").put("message", "")));
            }
            statuses.put(id, response.status());
            entry.put("status", response.status());
            ObjectNode headers = entry.putObject("headers");
            response.headers().forEach(headers::put);
            if (response.body().length > 0) {
                entry.set("body", bodyOf(response));
            }
        }
        return GraphResponse.json(200, body);
    }

    private static boolean dependencyFailed(JsonNode dependsOn, Map<String, Integer> statuses) {
        for (JsonNode dependency : dependsOn) {
            Integer status = statuses.get(dependency.asText());
            if (status == null || status >= 400) {
                return true;
            }
        }
        return false;
    }

    /** A batch item as a Graph call on the same host, carrying the batch's own bearer token. */
    private static GraphRequest inner(GraphRequest outer, JsonNode request) {
        String url = request.path("url").asText("");
        url = url.startsWith("/") ? url : "/" + url;
        if (url.startsWith("/v1.0/")) {
            url = url.substring("/v1.0".length());
        }
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? null : url.substring(question + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        outer.header("Authorization").ifPresent(h -> headers.put("Authorization", h));
        request.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        byte[] body = new byte[0];
        JsonNode json = request.get("body");
        if (json != null && !json.isNull()) {
            body = json.isTextual()
                    ? json.asText().getBytes(StandardCharsets.UTF_8)
                    : json.toString().getBytes(StandardCharsets.UTF_8);
            headers.putIfAbsent("Content-Type", "application/json");
        }
        return GraphRequest.of(request.path("method").asText("GET"), path, query, headers, body, outer.baseUrl());
    }

    /** JSON bodies inline, anything else (such as MIME from $value) as base64, like Graph. */
    private static JsonNode bodyOf(GraphResponse response) {
        if (response.isJson()) {
            try {
                return JsonBodies.MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(response.body()));
    }
}
