package io.exchangebridge.simulator.graph.calendar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The client-settable part of a POSTed or PATCHed event: read-only properties dropped, extended properties and the
 * transaction id taken apart, times and recurrence checked as Graph checks them.
 */
final class EventContent {

    /** Properties Exchange computes; a client that sends them back (as SDKs do after a GET) is not refused. */
    private static final Set<String> READ_ONLY = Set.of("id", "changeKey", "createdDateTime", "lastModifiedDateTime",
            "iCalUId", "uid", "type", "seriesMasterId", "isOrganizer", "isCancelled", "originalStartTimeZone",
            "originalEndTimeZone", "originalStart", "bodyPreview", "webLink", "transactionId",
            "singleValueExtendedProperties", "multiValueExtendedProperties", "calendar", "instances", "attachments",
            "extensions", "hasAttachments", "occurrenceId", "responseStatus");

    private EventContent() {
    }

    /** Copies {@code body}'s settable properties over {@code base} (a new object), checking what it sets. */
    static ObjectNode merge(ObjectNode base, JsonNode body, boolean keepOrganizer) {
        ObjectNode merged = base.deepCopy();
        body.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (name.startsWith("@odata.") || READ_ONLY.contains(name)
                    || (!keepOrganizer && name.equals("organizer"))) {
                return;
            }
            merged.set(name, field.getValue().deepCopy());
        });
        check(merged);
        return merged;
    }

    /** The {@code singleValueExtendedProperties} of a body merged into {@code known} by id. */
    static Map<String, String> properties(Map<String, String> known, JsonNode body) {
        Map<String, String> merged = new LinkedHashMap<>(known);
        JsonNode list = body.get("singleValueExtendedProperties");
        if (list == null || list.isNull()) {
            return merged;
        }
        if (!list.isArray()) {
            throw CalendarFailure.invalid("BadRequest", "singleValueExtendedProperties must be an array.");
        }
        for (JsonNode property : list) {
            String id = property.path("id").asText("");
            if (id.isBlank() || !property.has("value")) {
                throw CalendarFailure.invalid("BadRequest",
                        "An extended property needs both 'id' and 'value'.");
            }
            merged.keySet().removeIf(k -> k.equalsIgnoreCase(id));
            merged.put(id, property.get("value").asText());
        }
        return merged;
    }

    private static void check(ObjectNode content) {
        for (String side : new String[]{"start", "end"}) {
            JsonNode time = content.get(side);
            if (time == null || !time.isObject()) {
                throw CalendarFailure.invalid("ErrorInvalidRequest", "The event must have a '" + side + "' time.");
            }
            if (TimeZones.localDateTime(time.path("dateTime").asText(null)).isEmpty()) {
                throw CalendarFailure.invalid("ErrorInvalidRequest",
                        "'" + time.path("dateTime").asText() + "' is not a valid dateTime.");
            }
            String zone = time.path("timeZone").asText("UTC");
            if (TimeZones.zone(zone).isEmpty()) {
                // Exchange's code and words for an unknown zone (microsoftgraph/microsoft-graph-docs#4758)
                throw CalendarFailure.invalid("TimeZoneNotSupportedException",
                        "A valid TimeZone value must be specified. The following TimeZone value is not supported: '"
                                + zone + "'.");
            }
            if (!time.has("timeZone")) {
                ((ObjectNode) time).put("timeZone", "UTC");
            }
        }
        if (StoredEvent.instant(content.get("end")).isBefore(StoredEvent.instant(content.get("start")))) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "The end of the event is before its start.");
        }
        JsonNode recurrence = content.get("recurrence");
        Recurrences.validate(recurrence);
    }
}
