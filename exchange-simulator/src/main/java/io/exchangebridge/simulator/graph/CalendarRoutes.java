package io.exchangebridge.simulator.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import io.exchangebridge.simulator.graph.GraphRoute.Permission;
import io.exchangebridge.simulator.graph.calendar.CalendarAnswer;
import io.exchangebridge.simulator.graph.calendar.CalendarFailure;
import io.exchangebridge.simulator.graph.calendar.CalendarOperations;
import io.exchangebridge.simulator.graph.calendar.CalendarRequest;

/**
 * The calendar paths below {@code /me} and {@code /users/{u}}: {@code calendar}, {@code calendars}, {@code events},
 * {@code calendarView}. They pass through the same {@link GraphApi} as mail (token, mailbox, permission, faults,
 * throttling, request log); the operations answer in the calendar package's terms, translated here.
 */
final class CalendarRoutes {

    static final Set<String> ROOTS = Set.of("calendar", "calendars", "events", "calendarView");

    /** The attendee's actions and the response each records. */
    private static final Map<String, String> RESPONSES = Map.of("accept", "accepted", "tentativelyAccept",
            "tentativelyAccepted", "decline", "declined");

    private static final Set<String> DELTA = Set.of("delta", "delta()", "microsoft.graph.delta",
            "microsoft.graph.delta()");

    /** An operation on a calendar or event: (request, id or null). */
    private interface Operation extends BiFunction<CalendarRequest, String, CalendarAnswer> {
    }

    private CalendarRoutes() {
    }

    static GraphRoute match(String method, Optional<String> user, List<String> rest, CalendarOperations ops) {
        String root = rest.get(0);
        List<String> tail = rest.subList(1, rest.size());
        return switch (root) {
            case "calendar" -> calendar(method, user, null, tail, ops);
            case "calendars" -> {
                if (tail.isEmpty()) {
                    yield switch (method) {
                        case "GET" -> route("calendars.list", user, null, (r, id) -> ops.listCalendars(r));
                        case "POST" -> route("calendars.create", user, null, (r, id) -> ops.createCalendar(r));
                        default -> throw GraphErrors.unsupportedMethod();
                    };
                }
                yield calendar(method, user, tail.get(0), tail.subList(1, tail.size()), ops);
            }
            case "events" -> events(method, user, null, tail, ops);
            default -> view(method, user, null, tail, ops);
        };
    }

    /** Below {@code calendar} (calendarId null) or {@code calendars/{id}}. */
    private static GraphRoute calendar(String method, Optional<String> user, String calendarId, List<String> rest,
            CalendarOperations ops) {
        if (rest.isEmpty()) {
            return only(method, "GET", route("calendar.get", user, calendarId, ops::getCalendar));
        }
        List<String> tail = rest.subList(1, rest.size());
        return switch (rest.get(0)) {
            case "events" -> events(method, user, calendarId, tail, ops);
            case "calendarView" -> view(method, user, calendarId, tail, ops);
            default -> throw GraphErrors.unknownSegment(rest.get(0));
        };
    }

    private static GraphRoute events(String method, Optional<String> user, String calendarId, List<String> rest,
            CalendarOperations ops) {
        if (rest.isEmpty()) {
            return switch (method) {
                case "GET" -> route("events.list", user, calendarId, ops::listEvents);
                case "POST" -> route("events.create", user, calendarId, ops::createEvent);
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        String id = rest.get(0);
        if (rest.size() == 1) {
            return switch (method) {
                case "GET" -> route("event.get", user, id, ops::getEvent);
                case "PATCH" -> route("event.patch", user, id, ops::patchEvent);
                case "DELETE" -> route("event.delete", user, id, ops::deleteEvent);
                default -> throw GraphErrors.unsupportedMethod();
            };
        }
        String action = rest.get(1);
        if (rest.size() == 2 && (action.equals("cancel") || action.equals("microsoft.graph.cancel"))) {
            return only(method, "POST", route("event.cancel", user, id, ops::cancelEvent));
        }
        if (rest.size() == 2 && RESPONSES.containsKey(action.replace("microsoft.graph.", ""))) {
            String response = RESPONSES.get(action.replace("microsoft.graph.", ""));
            return only(method, "POST", route("event.respond", user, id, (r, i) -> ops.respond(r, i, response)));
        }
        if (rest.size() == 2 && action.equals("instances")) {
            return only(method, "GET", route("event.instances", user, id, ops::instances));
        }
        throw GraphErrors.unknownSegment(action);
    }

    private static GraphRoute view(String method, Optional<String> user, String calendarId, List<String> rest,
            CalendarOperations ops) {
        if (rest.isEmpty()) {
            return only(method, "GET", route("calendarView", user, calendarId, ops::calendarView));
        }
        if (rest.size() == 1 && DELTA.contains(rest.get(0))) {
            return only(method, "GET", route("calendarView.delta", user, calendarId, ops::delta));
        }
        throw GraphErrors.unknownSegment(rest.get(0));
    }

    private static GraphRoute route(String endpoint, Optional<String> user, String id, Operation operation) {
        Permission permission = endpoint.endsWith(".create") || endpoint.endsWith(".patch")
                || endpoint.endsWith(".delete") || endpoint.endsWith(".cancel") || endpoint.endsWith(".respond")
                        ? Permission.CALENDAR_WRITE
                        : Permission.CALENDAR_READ;
        return new GraphRoute(endpoint, permission, user, c -> run(c, id, operation));
    }

    private static GraphResponse run(MailContext ctx, String id, Operation operation) {
        GraphRequest r = ctx.request();
        CalendarRequest request = new CalendarRequest(ctx.mailbox().upn(), r.rawPath(), r.query(), r.headers(),
                r.body(), r.baseUrl());
        CalendarAnswer answer;
        try {
            answer = operation.apply(request, id);
        } catch (CalendarFailure e) {
            throw new GraphException(e.kind().status(), e.code(), e.getMessage());
        }
        GraphResponse response = answer.body() == null
                ? GraphResponse.empty(answer.status())
                : GraphResponse.json(answer.status(), answer.body());
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    private static GraphRoute only(String method, String allowed, GraphRoute route) {
        if (!method.equals(allowed)) {
            throw GraphErrors.unsupportedMethod();
        }
        return route;
    }
}
