package io.exchangebridge.importer.event.write;

import java.net.URI;
import java.util.Map;

import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.importer.calendar.CalendarGraph;
import io.exchangebridge.importer.calendar.GraphEvent;
import io.exchangebridge.importer.calendar.ResolvedCalendar;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphSession;

/**
 * Typed Graph event writes for one mailbox ({@code /users/{mailbox}}), on a {@link GraphSession} and so under its
 * throttling, Retry-After gate, immutable ids and per-mailbox concurrency. Every answer is asked for in UTC
 * ({@code Prefer: outlook.timezone="UTC"}), the form the event store keeps. Changes carry Graph's
 * {@code If-Match: W/"<changeKey>"} when the caller has a change key; a stale one is a {@link GraphException} 412.
 */
final class EventWrites {

    private final GraphSession g;

    EventWrites(GraphSession g) {
        this.g = g;
    }

    /** The session, for the calendar reads of the same write. */
    GraphSession session() {
        return g;
    }

    /**
     * Creates an event in the calendar at {@code calendarPath} ({@link ResolvedCalendar#path()}; empty: the primary
     * calendar). With the same {@code transactionId} in {@code body} Graph answers the event made before instead of
     * making another.
     */
    GraphEvent create(String calendarPath, Map<String, Object> body) {
        return g.call("POST", g.user(calendarPath + "/events"), body, CalendarGraph.UTC, null, GraphEvent.class);
    }

    GraphEvent get(String graphId) {
        return g.call("GET", event(graphId, ""), null, CalendarGraph.UTC, null, GraphEvent.class);
    }

    /** PATCH of the members in {@code body}; Graph answers the event as it is now. */
    GraphEvent update(String graphId, Map<String, Object> body, String changeKey) {
        return g.call("PATCH", event(graphId, ""), body, CalendarGraph.UTC, ifMatch(changeKey), GraphEvent.class);
    }

    /** Sends the attendees a cancellation with {@code comment} (organizer only). */
    void cancel(String graphId, String comment, String changeKey) {
        g.call("POST", event(graphId, "/cancel"), Map.of("Comment", comment == null ? "" : comment), null,
                ifMatch(changeKey), Void.class);
    }

    void delete(String graphId, String changeKey) {
        g.call("DELETE", event(graphId, ""), null, null, ifMatch(changeKey), Void.class);
    }

    private URI event(String graphId, String rest) {
        return g.user("/events/" + UrlPaths.segment(graphId) + rest);
    }

    /** Graph's entity tag of a change key, as its {@code @odata.etag} carries it. */
    private static String ifMatch(String changeKey) {
        return changeKey == null ? null : "W/\"" + changeKey + "\"";
    }
}
