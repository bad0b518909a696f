package io.exchangebridge.simulator.graph.calendar;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a calendar operation answers: status, extra headers and a JSON body (null for none).
 */
public record CalendarAnswer(int status, Map<String, String> headers, JsonNode body) {

    static CalendarAnswer json(int status, JsonNode body) {
        return new CalendarAnswer(status, Map.of(), body);
    }

    static CalendarAnswer empty(int status) {
        return new CalendarAnswer(status, Map.of(), null);
    }

    CalendarAnswer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new CalendarAnswer(status, copy, body);
    }
}
