package io.exchangebridge.simulator.graph;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Request bodies as JSON, with Graph's answer to unreadable ones. */
final class JsonBodies {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    static JsonNode read(GraphRequest request) {
        try {
            JsonNode node = request.body().length == 0 ? null : MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw GraphErrors.badRequest("Empty Payload. JSON content expected.");
            }
            return node;
        } catch (IOException e) {
            throw GraphErrors.badRequest("Unable to read JSON request payload. Please ensure Content-Type header is"
                    + " set and payload is of valid JSON format.");
        }
    }
}
