package io.exchangebridge.importer.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.importer.scope.ReaderScopes;
import io.smallrye.common.annotation.Blocking;

/**
 * Synced calendar events for internal clients (role {@code reader}), scoped by {@code importer.readers} as messages
 * are: another account's event answers 404 as a missing one does, and lists leave it out. Without {@code cursor} the
 * list holds current events; with a cursor every change after it, deletions included ({@code deleted: true}).
 */
@Path("/api/events")
@RolesAllowed("reader")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventStore store;
    private final ReaderScopes readers;

    public EventResource(EventStore store, ReaderScopes readers) {
        this.store = store;
        this.readers = readers;
    }

    @GET
    public EventPage list(@QueryParam("mailbox") String mailbox, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("changedSince") String changedSince,
            @QueryParam("clientId") String clientId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit, @QueryParam("timeZone") String timeZone) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw invalid("limit", "Parameter 'limit' must be between 1 and 1000.");
        }
        ZoneId zone = zone(timeZone);
        Long after = null;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw invalid("cursor", "Parameter 'cursor' is not a cursor of this API (use a nextCursor).");
            }
            if (after < 0) {
                throw invalid("cursor", "Parameter 'cursor' is not a cursor of this API (use a nextCursor).");
            }
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw invalid("to", "Parameter 'to' must be after 'from'.");
        }
        EventPage page = store.list(new EventQuery(readers.current(), blankToNull(mailbox), start, end,
                instant("changedSince", changedSince), blankToNull(clientId), after, size));
        return new EventPage(page.items().stream().map(e -> e.inZone(zone)).toList(), page.nextCursor());
    }

    /** One event (deleted ones too, with {@code deleted: true}); the ETag is {@code "<changeKey>"}. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("timeZone") String timeZone) {
        ZoneId zone = zone(timeZone);
        EventView event = store.find(id, readers.current())
                .orElseThrow(() -> ProblemException.notFound("No event '" + id + "'."));
        Response.ResponseBuilder answer = Response.ok(event.inZone(zone));
        if (event.changeKey() != null) {
            answer.header("ETag", "\"" + event.changeKey() + "\"");
        }
        return answer.build();
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw invalid("timeZone", "Parameter 'timeZone' must be an IANA time zone such as Europe/Amsterdam.");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name, "Parameter '" + name + "' must be an ISO-8601 instant such as 2026-12-03T00:00:00Z.");
        }
    }

    private static ProblemException invalid(String field, String detail) {
        return ProblemException.badRequest(detail).with("field", field);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
