package io.exchangebridge.simulator.graph;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code singleValueExtendedProperties} of a message resource a client sent, by id. */
final class ExtendedProperties {

    private ExtendedProperties() {
    }

    static Map<String, String> of(JsonNode message) {
        return merge(Map.of(), message);
    }

    /** {@code known} with the resource's properties written over it (matched by id, case-insensitively). */
    static Map<String, String> merge(Map<String, String> known, JsonNode message) {
        Map<String, String> result = new LinkedHashMap<>(known);
        JsonNode properties = JsonBodies.field(message, "singleValueExtendedProperties");
        if (properties == null || properties.isNull()) {
            return result;
        }
        if (!properties.isArray()) {
            throw GraphErrors.badRequest("singleValueExtendedProperties must be a collection.");
        }
        for (JsonNode property : properties) {
            String id = property.path("id").asText("");
            if (id.isBlank() || !property.has("value")) {
                throw GraphErrors.badRequest("An extended property needs an 'id' and a 'value'.");
            }
            result.keySet().removeIf(k -> k.equalsIgnoreCase(id));
            result.put(id, property.get("value").asText());
        }
        return result;
    }
}
