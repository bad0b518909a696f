package io.exchangebridge.simulator.graph;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A Graph answer before it is written to the network (or into a {@code $batch} response). */
record GraphResponse(int status, Map<String, String> headers, byte[] body, boolean dropConnection) {

    static final String JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;"
            + "charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static GraphResponse json(int status, JsonNode body) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", JSON);
            return new GraphResponse(status, headers, MAPPER.writeValueAsBytes(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static GraphResponse bytes(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new GraphResponse(status, headers, body, false);
    }

    static GraphResponse empty(int status) {
        return new GraphResponse(status, new LinkedHashMap<>(), new byte[0], false);
    }

    static GraphResponse dropped() {
        return new GraphResponse(0, new LinkedHashMap<>(), new byte[0], true);
    }

    GraphResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new GraphResponse(status, copy, body, dropConnection);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isJson() {
        return headers.getOrDefault("Content-Type", "").startsWith("application/json");
    }
}
