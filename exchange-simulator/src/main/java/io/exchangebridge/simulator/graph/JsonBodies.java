package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.util.Iterator;

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

    /**
     * A property of an action's body, by case-insensitive name: Graph accepts {@code DestinationId} as well as
     * {@code destinationId}, and the Graph SDK sends action parameters in Pascal case.
     */
    static JsonNode field(JsonNode body, String name) {
        JsonNode exact = body.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return body.get(candidate);
            }
        }
        return null;
    }
}
