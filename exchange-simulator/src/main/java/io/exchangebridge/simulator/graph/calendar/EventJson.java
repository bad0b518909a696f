package io.exchangebridge.simulator.graph.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Graph {@code event} resource of a stored event, in the time zone the client prefers. */
final class EventJson {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String NEVER = "0001-01-01T00:00:00Z";
    /** Properties copied as stored, with Graph's defaults where the client set none. */
    private static final Set<String> PASSED_THROUGH = Set.of("subject", "body", "importance", "sensitivity", "showAs",
            "categories", "isReminderOn", "reminderMinutesBeforeStart", "responseRequested", "isOnlineMeeting",
            "onlineMeetingProvider", "onlineMeeting", "location", "locations", "allowNewTimeProposals",
            "hideAttendees", "isDraft");

    private EventJson() {
    }

    /**
     * @param zone
     *            the zone of {@code Prefer: outlook.timezone} and its name as the client gave it
     * @param expand
     *            which extended properties {@code $expand} asked for; null when it asked for none
     */
    static ObjectNode of(StoredEvent event, String mailbox, TimeZonePreference zone, Predicate<String> expand) {
        JsonNode content = event.rawContent();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("@odata.etag", "W/\"" + event.changeKey() + "\"");
        json.put("id", event.id());
        json.put("createdDateTime", TIMESTAMP.format(event.createdAt()));
        json.put("lastModifiedDateTime", TIMESTAMP.format(event.lastModifiedAt()));
        json.put("changeKey", event.changeKey());
        json.putArray("categories");
        json.put("transactionId", event.transactionId().orElse(null));
        json.put("originalStartTimeZone", content.path("start").path("timeZone").asText("UTC"));
        json.put("originalEndTimeZone", content.path("end").path("timeZone").asText("UTC"));
        json.put("iCalUId", event.iCalUId());
        json.put("reminderMinutesBeforeStart", 15);
        json.put("isReminderOn", true);
        json.put("hasAttachments", false);
        json.put("subject", "");
        json.put("bodyPreview", preview(content.path("body").path("content").asText("")));
        json.put("importance", "normal");
        json.put("sensitivity", "normal");
        json.put("isAllDay", event.isAllDay());
        json.put("isCancelled", event.isCancelled());
        boolean organizer = event.organizer().address().equalsIgnoreCase(mailbox);
        json.put("isOrganizer", organizer);
        json.put("responseRequested", true);
        json.put("seriesMasterId", event.seriesMasterId().orElse(null));
        json.put("showAs", "busy");
        json.put("type", event.type());
        json.put("webLink",
                "https://outlook.office365.com/owa/?itemid=" + event.id() + "&exvsurl=1&path=/calendar/item");
        json.put("onlineMeetingUrl", (String) null);
        json.put("isOnlineMeeting", false);
        json.put("onlineMeetingProvider", "unknown");
        json.putNull("onlineMeeting");
        JsonNode answered = event.raw("responseStatus");
        if (answered != null && answered.isObject() && !organizer) {
            json.set("responseStatus", answered.deepCopy());
        } else {
            json.putObject("responseStatus").put("response", organizer ? "organizer" : "notResponded").put("time",
                    NEVER);
        }
        json.putObject("body").put("contentType", "html").put("content", "");
        ObjectNode location = json.putObject("location");
        location.put("displayName", "");
        json.putArray("locations");
        content.fields().forEachRemaining(f -> {
            if (PASSED_THROUGH.contains(f.getKey())) {
                json.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        if (json.path("isOnlineMeeting").asBoolean() && json.path("onlineMeeting").isNull()) {
            // Exchange creates the Teams meeting and answers its join URL
            json.putObject("onlineMeeting").put("joinUrl", "https://teams.microsoft.com/l/meetup-join/"
                    + event.iCalUId().substring(40));
        }
        json.set("start", time(event, event.start(), "start", zone));
        json.set("end", time(event, event.end(), "end", zone));
        if (event.type().equals("seriesMaster")) {
            json.set("recurrence", event.raw("recurrence").deepCopy());
        } else {
            json.putNull("recurrence");
        }
        json.set("attendees", attendees(event.raw("attendees")));
        ObjectNode organizerJson = json.putObject("organizer").putObject("emailAddress");
        organizerJson.put("name", event.organizer().name());
        organizerJson.put("address", event.organizer().address());
        if (expand != null) {
            ArrayNode properties = json.putArray("singleValueExtendedProperties");
            event.extendedProperties().forEach((id, value) -> {
                if (expand.test(id)) {
                    properties.addObject().put("id", id).put("value", value);
                }
            });
        }
        return json;
    }

    /** The shape of an item that left a delta round. */
    static ObjectNode removed(String id) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("@odata.type", "#microsoft.graph.event");
        json.put("id", id);
        json.putObject("@removed").put("reason", "deleted");
        return json;
    }

    /**
     * A timed event's start or end in the preferred zone; an all-day event keeps its dates (midnight to midnight),
     * labelled with the preferred zone, as Outlook shows all-day events on the same days in every zone.
     */
    private static ObjectNode time(StoredEvent event, Instant at, String side, TimeZonePreference zone) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        LocalDateTime local;
        if (event.isAllDay()) {
            JsonNode stored = event.rawContent().path(side);
            ZoneId own = TimeZones.zone(stored.path("timeZone").asText(null)).orElse(ZoneOffset.UTC);
            local = LocalDateTime.ofInstant(at, own);
        } else {
            local = LocalDateTime.ofInstant(at, zone.zone());
        }
        json.put("dateTime", TimeZones.format(local));
        json.put("timeZone", zone.name());
        return json;
    }

    private static ArrayNode attendees(JsonNode stored) {
        ArrayNode attendees = JsonNodeFactory.instance.arrayNode();
        if (stored == null || !stored.isArray()) {
            return attendees;
        }
        for (JsonNode attendee : stored) {
            ObjectNode copy = attendee.deepCopy();
            if (!copy.has("type")) {
                copy.put("type", "required");
            }
            if (!copy.has("status")) {
                copy.putObject("status").put("response", "none").put("time", NEVER);
            }
            attendees.add(copy);
        }
        return attendees;
    }

    private static String preview(String body) {
        String text = body.replaceAll("(?s)<[^>]*>", " ").replaceAll("&nbsp;", " ").replaceAll("\\s+", " ").trim();
        return text.length() > 255 ? text.substring(0, 255) : text;
    }
}
