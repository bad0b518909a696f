package io.exchangebridge.simulator.graph.calendar;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.http.HttpExchanges;

/**
 * {@code /_sim/calendar}: seeding, Outlook-side changes and inspection over HTTP, for the system test and scripts.
 * Events go in and come out as Graph JSON (times in UTC). Paths are listed in the module README.
 */
final class CalendarAdminHandler implements HttpHandler {

    static final String PREFIX = "/_sim/calendar";

    private final GraphCalendar calendar;

    CalendarAdminHandler(GraphCalendar calendar) {
        this.calendar = calendar;
    }

    private record Answer(int status, JsonNode body) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = HttpExchanges.readBody(exchange);
            List<String> segments = Arrays.stream(HttpExchanges.pathAfter(exchange, PREFIX).split("/"))
                    .filter(s -> !s.isEmpty()).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
            Answer answer;
            try {
                answer = route(exchange.getRequestMethod(), segments, HttpExchanges.query(exchange), body);
            } catch (CalendarFailure e) {
                answer = new Answer(e.kind().status(), JsonNodeFactory.instance.objectNode().put("error", e.code())
                        .put("message", e.getMessage()));
            }
            if (answer.body() == null) {
                HttpExchanges.sendEmpty(exchange, answer.status());
            } else {
                HttpExchanges.sendJson(exchange, answer.status(), answer.body());
            }
        }
    }

    private Answer route(String method, List<String> s, Map<String, String> query, byte[] body) {
        if (s.equals(List.of("reset")) && method.equals("POST")) {
            calendar.reset();
            return new Answer(204, null);
        }
        if (s.size() < 3 || !s.get(0).equals("mailboxes")) {
            return notFound();
        }
        MailboxCalendar cal = calendar.mailbox(s.get(1));
        boolean oneEvent = s.size() >= 4 && s.get(2).equals("events");
        String id = oneEvent ? s.get(3) : null;
        String path = oneEvent
                ? "events/{id}" + (s.size() > 4 ? "/" + String.join("/", s.subList(4, s.size())) : "")
                : String.join("/", s.subList(2, s.size()));
        return switch (method + " " + path) {
            case "POST events" -> new Answer(201, json(cal, cal.insert(query.get("calendar"), Json.object(body), true)
                    .event()));
            case "GET events" -> {
                ArrayNode events = JsonNodeFactory.instance.arrayNode();
                cal.events().forEach(e -> events.add(json(cal, e)));
                yield new Answer(200, events);
            }
            case "PATCH events/{id}" -> new Answer(200, json(cal, cal.update(id, new String(body,
                    StandardCharsets.UTF_8))));
            case "DELETE events/{id}" -> {
                cal.delete(id);
                yield new Answer(204, null);
            }
            case "POST events/{id}/respond" -> new Answer(200, json(cal, cal.respond(id, Json.object(body).path(
                    "response").asText(""))));
            case "POST calendars" -> new Answer(201, JsonNodeFactory.instance.objectNode().put("id",
                    cal.createCalendar(Json.object(body).path("name").asText(null))));
            case "GET meeting-messages" -> new Answer(200, messages(calendar.meetingMessages(cal.upn())));
            case "POST sync-state/expire" -> {
                calendar.expireSyncState(cal.upn());
                yield new Answer(204, null);
            }
            default -> notFound();
        };
    }

    private static Answer notFound() {
        return new Answer(404, JsonNodeFactory.instance.objectNode().put("error", "No such admin path"));
    }

    private static ObjectNode json(MailboxCalendar cal, StoredEvent event) {
        return EventJson.of(event, cal.upn(), TimeZonePreference.UTC, id -> true);
    }

    private static ArrayNode messages(List<MeetingMessage> messages) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (MeetingMessage m : messages) {
            ObjectNode item = array.addObject().put("kind", m.kind().name().toLowerCase(Locale.ROOT))
                    .put("organizer", m.organizer()).put("subject", m.subject()).put("comment", m.comment())
                    .put("eventId", m.eventId()).put("sentAt", m.sentAt().toString());
            m.recipients().forEach(item.putArray("recipients")::add);
        }
        return array;
    }
}
