package io.exchangebridge.importer.event.write;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an {@link EventWriteRequest} and turns it into the Graph event JSON of a create or a PATCH. Every rule names
 * the member it is about ({@link EventWriteFailure.Invalid#field()}), so a client can fix its request without reading
 * Graph's error texts.
 */
final class GraphEventBody {

    /** Namespace of our extended properties on created events (also in the contracts and the README). */
    static final String PROPERTY_SET = "{8b7c3e1a-5d2f-4c6b-9a0e-7f41d2c8b635}";
    static final String KEY_PROPERTY = "String " + PROPERTY_SET + " Name IdempotencyKey";
    static final String CLIENT_ID_PROPERTY = "String " + PROPERTY_SET + " Name ClientId";

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Set<String> SHOW_AS = Set.of("free", "tentative", "busy", "oof", "workingElsewhere",
            "unknown");
    private static final Set<String> SENSITIVITY = Set.of("normal", "personal", "private", "confidential");
    private static final Set<String> ATTENDEE_TYPES = Set.of("required", "optional", "resource");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
    private static final int MAX_SUBJECT = 255;
    private static final int MAX_CLIENT_ID = 200;

    private GraphEventBody() {
    }

    /** The Graph JSON of a create with {@code transactionId} = key and our extended properties. */
    static Map<String, Object> create(EventWriteRequest r, String idempotencyKey) {
        require(r.mailbox(), "mailbox");
        require(r.subject(), "subject");
        require(r.start(), "start");
        require(r.end(), "end");
        if (r.clientId() != null && (r.clientId().isBlank() || r.clientId().length() > MAX_CLIENT_ID)) {
            throw new EventWriteFailure.Invalid("clientId", "'clientId' must be 1-" + MAX_CLIENT_ID + " characters.");
        }
        boolean invite = r.inviteAttendees() == null || r.inviteAttendees();
        if (!invite && r.attendees() != null && !r.attendees().isEmpty()) {
            throw new EventWriteFailure.Invalid("attendees", "Graph sends an invitation to every attendee of an event;"
                    + " with 'inviteAttendees' false leave 'attendees' out (the event is then an appointment).");
        }
        Map<String, Object> body = members(r);
        body.put("transactionId", idempotencyKey);
        List<Map<String, String>> properties = new ArrayList<>();
        properties.add(Map.of("id", KEY_PROPERTY, "value", idempotencyKey));
        if (r.clientId() != null) {
            properties.add(Map.of("id", CLIENT_ID_PROPERTY, "value", r.clientId()));
        }
        body.put("singleValueExtendedProperties", properties);
        return body;
    }

    /** The Graph JSON of a PATCH: only the members given. */
    static Map<String, Object> patch(EventWriteRequest r) {
        if (r.mailbox() != null) {
            throw new EventWriteFailure.Invalid("mailbox", "An event cannot move to another mailbox account.");
        }
        if (r.clientId() != null) {
            throw new EventWriteFailure.Invalid("clientId", "'clientId' is set when the event is created.");
        }
        if (r.inviteAttendees() != null) {
            throw new EventWriteFailure.Invalid("inviteAttendees",
                    "'inviteAttendees' applies to a create; Graph sends updates to the attendees of a meeting.");
        }
        if (r.subject() != null) {
            require(r.subject(), "subject");
        }
        Map<String, Object> body = members(r);
        if (body.isEmpty()) {
            throw new EventWriteFailure.Invalid("body", "Nothing to change: give at least one member.");
        }
        return body;
    }

    private static Map<String, Object> members(EventWriteRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (r.subject() != null) {
            if (r.subject().length() > MAX_SUBJECT) {
                throw new EventWriteFailure.Invalid("subject", "'subject' is longer than " + MAX_SUBJECT + ".");
            }
            body.put("subject", r.subject());
        }
        if (r.body() != null) {
            String type = r.body().contentType() == null ? "text" : r.body().contentType();
            if (!type.equals("text") && !type.equals("html")) {
                throw new EventWriteFailure.Invalid("body.contentType", "'body.contentType' must be text or html.");
            }
            body.put("body", Map.of("contentType", type, "content", r.body().content() == null
                    ? ""
                    : r.body().content()));
        }
        boolean allDay = r.isAllDay() != null && r.isAllDay();
        LocalDateTime start = r.start() == null ? null : time(r.start(), "start", allDay, body);
        LocalDateTime end = r.end() == null ? null : time(r.end(), "end", allDay, body);
        if (start != null && end != null && !start.atZone(zone(r.start(), "start")).toInstant()
                .isBefore(end.atZone(zone(r.end(), "end")).toInstant())) {
            throw new EventWriteFailure.Invalid("end", "'end' must be after 'start'.");
        }
        if (r.isAllDay() != null) {
            body.put("isAllDay", r.isAllDay());
        }
        if (r.location() != null) {
            body.put("location", Map.of("displayName", r.location()));
        }
        if (r.attendees() != null) {
            body.put("attendees", attendees(r.attendees()));
        }
        if (r.showAs() != null) {
            body.put("showAs", oneOf(r.showAs(), SHOW_AS, "showAs"));
        }
        if (r.sensitivity() != null) {
            body.put("sensitivity", oneOf(r.sensitivity(), SENSITIVITY, "sensitivity"));
        }
        if (r.categories() != null) {
            if (r.categories().stream().anyMatch(c -> c == null || c.isBlank())) {
                throw new EventWriteFailure.Invalid("categories", "'categories' must not hold empty names.");
            }
            body.put("categories", r.categories());
        }
        if (r.isOnlineMeeting() != null) {
            body.put("isOnlineMeeting", r.isOnlineMeeting());
        }
        return body;
    }

    private static LocalDateTime time(EventWriteRequest.Time t, String field, boolean allDay,
            Map<String, Object> body) {
        require(t.dateTime(), field + ".dateTime");
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(t.dateTime());
        } catch (DateTimeParseException e) {
            throw new EventWriteFailure.Invalid(field + ".dateTime",
                    "'" + field + ".dateTime' must be a local date-time such as 2026-12-03T09:00:00.");
        }
        zone(t, field);
        if (allDay && !local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw new EventWriteFailure.Invalid(field + ".dateTime",
                    "An all-day event starts and ends at midnight ('" + field + ".dateTime').");
        }
        body.put(field, Map.of("dateTime", GRAPH_TIME.format(local), "timeZone", zoneName(t)));
        return local;
    }

    /** The time zone of a time, {@code UTC} when none is given; an unknown one names the member. */
    static ZoneId zone(EventWriteRequest.Time t, String field) {
        return zone(zoneName(t), field + ".timeZone");
    }

    /** An IANA time zone ({@code UTC} when null or blank); an unknown one is a 400 naming {@code field}. */
    static ZoneId zone(String name, String field) {
        try {
            return ZoneId.of(name == null || name.isBlank() ? "UTC" : name.trim());
        } catch (DateTimeException e) {
            throw new EventWriteFailure.Invalid(field,
                    "'" + field + "' must be an IANA time zone such as Europe/Amsterdam.");
        }
    }

    private static String zoneName(EventWriteRequest.Time t) {
        return t.timeZone() == null || t.timeZone().isBlank() ? "UTC" : t.timeZone();
    }

    private static List<Map<String, Object>> attendees(List<EventWriteRequest.Attendee> attendees) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < attendees.size(); i++) {
            EventWriteRequest.Attendee a = attendees.get(i);
            String field = "attendees[" + i + "]";
            if (a == null || a.address() == null || !ADDRESS.matcher(a.address()).matches()) {
                throw new EventWriteFailure.Invalid(field + ".address", "'" + field
                        + ".address' must be an e-mail address.");
            }
            Map<String, Object> email = new LinkedHashMap<>();
            email.put("address", a.address());
            if (a.name() != null) {
                email.put("name", a.name());
            }
            all.add(Map.of("emailAddress", email, "type",
                    oneOf(a.type() == null ? "required" : a.type(), ATTENDEE_TYPES, field + ".type")));
        }
        return all;
    }

    private static String oneOf(String value, Set<String> allowed, String field) {
        if (!allowed.contains(value)) {
            throw new EventWriteFailure.Invalid(field, "'" + field + "' must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return value;
    }

    private static void require(Object value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new EventWriteFailure.Invalid(field, "'" + field + "' is required.");
        }
    }
}
