package io.exchangebridge.simulator.graph.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Graph's calendar endpoints below {@code /users/{id}} (or {@code /me}): calendars and events. The Graph API has
 * checked token, mailbox, permission, faults and throttling before; a refusal comes out as {@link CalendarFailure}.
 * calendarView, its delta and instances are in {@link CalendarViews}.
 */
public final class CalendarOperations {

    private static final Pattern PROPERTY_ID = Pattern.compile("id\\s+eq\\s+'([^']*)'", Pattern.CASE_INSENSITIVE);

    private final GraphCalendar calendar;
    private final CalendarViews views;

    CalendarOperations(GraphCalendar calendar, CalendarSyncStates syncStates) {
        this.calendar = calendar;
        this.views = new CalendarViews(calendar, syncStates);
    }

    public CalendarAnswer listCalendars(CalendarRequest request) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", request.context("calendars"));
        ArrayNode value = body.putArray("value");
        cal.calendars().forEach(c -> value.add(calendarJson(cal, c)));
        return CalendarAnswer.json(200, body);
    }

    /** {@code GET calendar} (calendarId null) or {@code GET calendars/{id}}. */
    public CalendarAnswer getCalendar(CalendarRequest request, String calendarId) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        CalendarFolder folder = folder(cal, calendarId);
        ObjectNode json = calendarJson(cal, folder);
        json.put("@odata.context", request.context("calendars/$entity"));
        return CalendarAnswer.json(200, json);
    }

    public CalendarAnswer createCalendar(CalendarRequest request) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        JsonNode name = Json.object(request.body()).get("name");
        if (name == null || !name.isTextual()) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "The calendar needs a 'name'.");
        }
        String id = cal.createCalendar(name.asText());
        ObjectNode json = calendarJson(cal, cal.calendar(id).orElseThrow());
        json.put("@odata.context", request.context("calendars/$entity"));
        return CalendarAnswer.json(201, json);
    }

    /** {@code GET events} of the primary calendar (calendarId null) or of {@code calendars/{id}}. */
    public CalendarAnswer listEvents(CalendarRequest request, String calendarId) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        String id = folder(cal, calendarId).id();
        List<StoredEvent> events = cal.events().stream().filter(e -> e.calendarId().equals(id)).toList();
        return views.page(request, "events", events);
    }

    /**
     * {@code POST events}: 201 with the new event. A {@code transactionId} this mailbox has seen creates nothing and
     * answers the event it created (Graph documents the deduplication, not the status of the repeat: 201 here too, so a
     * retrying client cannot tell the difference, which is the point).
     */
    public CalendarAnswer createEvent(CalendarRequest request, String calendarId) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        String target = calendarId == null ? null : folder(cal, calendarId).id();
        MailboxCalendar.Created created = cal.insert(target, Json.object(request.body()), false);
        return entity(request, created.event(), 201);
    }

    public CalendarAnswer getEvent(CalendarRequest request, String id) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        StoredEvent event = cal.event(checked(id)).orElseThrow(CalendarFailure::notFound);
        return entity(request, event, 200);
    }

    /** {@code PATCH events/{id}}; {@code If-Match} with a stale change key: 412 and nothing changes. */
    public CalendarAnswer patchEvent(CalendarRequest request, String id) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        StoredEvent changed = cal.patch(checked(id), Json.object(request.body()), request.header("If-Match"));
        return entity(request, changed, 200);
    }

    public CalendarAnswer deleteEvent(CalendarRequest request, String id) {
        calendar.mailbox(request.mailbox()).remove(checked(id), request.header("If-Match"));
        return CalendarAnswer.empty(204);
    }

    /** {@code POST events/{id}/cancel} with {@code {"Comment"}}: 202, organizer only. */
    public CalendarAnswer cancelEvent(CalendarRequest request, String id) {
        JsonNode body = actionBody(request);
        calendar.mailbox(request.mailbox()).cancel(checked(id), field(body, "comment").map(c -> c.asText(null))
                .orElse(null), request.header("If-Match"));
        return CalendarAnswer.empty(202);
    }

    /**
     * {@code POST events/{id}/accept|tentativelyAccept|decline} with {@code {"comment", "sendResponse"}}: 202; the
     * organizer's event records the answer when it is sent (the default).
     */
    public CalendarAnswer respond(CalendarRequest request, String id, String response) {
        JsonNode body = actionBody(request);
        calendar.invitations().respond(calendar.mailbox(request.mailbox()), checked(id), response,
                field(body, "comment").map(c -> c.asText(null)).orElse(null),
                field(body, "sendResponse").map(JsonNode::asBoolean).orElse(true), request.header("If-Match"));
        return CalendarAnswer.empty(202);
    }

    private static JsonNode actionBody(CalendarRequest request) {
        return request.body().length == 0 ? JsonNodeFactory.instance.objectNode() : Json.object(request.body());
    }

    /** An action parameter by case-insensitive name: the SDK sends {@code Comment}, Graph's docs {@code comment}. */
    private static Optional<JsonNode> field(JsonNode body, String name) {
        for (var names = body.fieldNames(); names.hasNext();) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return Optional.of(body.get(candidate));
            }
        }
        return Optional.empty();
    }

    public CalendarAnswer instances(CalendarRequest request, String id) {
        return views.instances(request, checked(id));
    }

    public CalendarAnswer calendarView(CalendarRequest request, String calendarId) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        return views.calendarView(request, folder(cal, calendarId).id());
    }

    public CalendarAnswer delta(CalendarRequest request, String calendarId) {
        MailboxCalendar cal = calendar.mailbox(request.mailbox());
        return views.delta(request, folder(cal, calendarId).id());
    }

    CalendarAnswer entity(CalendarRequest request, StoredEvent event, int status) {
        TimeZonePreference zone = TimeZonePreference.of(request);
        ObjectNode json = select(request, EventJson.of(event, request.mailbox(), zone, expand(request)));
        json.put("@odata.context", request.context("events/$entity"));
        return AppliedPreferences.apply(request, CalendarAnswer.json(status, json), zone, 0);
    }

    /**
     * {@code $expand=singleValueExtendedProperties($filter=id eq '...')}: which extended properties to return; null
     * when none were asked for (Graph returns them only on request).
     */
    static Predicate<String> expand(CalendarRequest request) {
        if (!extendedPropertiesExpanded(request)) {
            return null;
        }
        String expand = request.param("$expand").orElse("");
        Matcher ids = PROPERTY_ID.matcher(expand);
        List<String> wanted = new ArrayList<>();
        while (ids.find()) {
            wanted.add(ids.group(1));
        }
        return wanted.isEmpty() ? id -> true : id -> wanted.stream().anyMatch(id::equalsIgnoreCase);
    }

    /** {@code $select}: the listed properties, and {@code id} and {@code @odata.etag}, which Graph always returns. */
    static ObjectNode select(CalendarRequest request, ObjectNode json) {
        Optional<String> select = request.param("$select").filter(v -> !v.isBlank());
        if (select.isEmpty()) {
            return json;
        }
        List<String> keep = new ArrayList<>(List.of("id", "@odata.etag"));
        for (String property : select.get().split(",")) {
            keep.add(property.trim());
        }
        if (extendedPropertiesExpanded(request)) {
            keep.add("singleValueExtendedProperties");
        }
        return json.retain(keep);
    }

    private static boolean extendedPropertiesExpanded(CalendarRequest request) {
        return request.param("$expand").orElse("").toLowerCase(Locale.ROOT).contains("singlevalueextendedproperties");
    }

    private static String checked(String id) {
        if (!EventIds.wellFormed(id)) {
            throw CalendarFailure.malformedId();
        }
        return id;
    }

    /** The primary calendar (null) or one by id: Graph's paths take ids, not display names. */
    private static CalendarFolder folder(MailboxCalendar cal, String calendarId) {
        String id = calendarId == null ? cal.primaryCalendarId() : checked(calendarId);
        return cal.calendars().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(CalendarFailure::notFound);
    }

    private static ObjectNode calendarJson(MailboxCalendar cal, CalendarFolder folder) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", folder.id());
        json.put("name", folder.name());
        json.put("color", "auto");
        json.put("hexColor", "");
        json.put("isDefaultCalendar", folder.isDefault());
        json.put("changeKey", folder.id().substring(folder.id().length() - 12));
        json.put("canShare", true);
        json.put("canViewPrivateItems", true);
        json.put("canEdit", true);
        json.putArray("allowedOnlineMeetingProviders").add("teamsForBusiness");
        json.put("defaultOnlineMeetingProvider", "teamsForBusiness");
        json.put("isTallyingResponses", true);
        json.put("isRemovable", !folder.isDefault());
        ObjectNode owner = json.putObject("owner");
        owner.put("name", cal.displayName());
        owner.put("address", cal.upn());
        return json;
    }
}
