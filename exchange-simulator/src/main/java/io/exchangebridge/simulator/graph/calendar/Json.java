package io.exchangebridge.simulator.graph.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Event JSON given as text by tests and the admin API. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object(String json) {
        return object(json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode object(byte[] json) {
        try {
            JsonNode node = json.length == 0 ? null : MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw CalendarFailure.invalid("BadRequest", "Empty Payload. JSON content expected.");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw CalendarFailure.invalid("BadRequest", "Unable to read JSON request payload. Please ensure"
                    + " Content-Type header is set and payload is of valid JSON format.");
        }
    }
}
