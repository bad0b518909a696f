package io.exchangebridge.importer.calendar;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphPage;
import io.exchangebridge.importer.graph.GraphSession;

/**
 * Typed Graph calendar reads of one mailbox on a {@link GraphSession} (so under its throttling, Retry-After gate,
 * immutable ids and per-mailbox concurrency). Every event call asks for UTC times ({@code Prefer:
 * outlook.timezone="UTC"}), which the store keeps as instants.
 */
public final class CalendarGraph {

    /** The preference every event read sends, before the page size. */
    public static final String UTC = "outlook.timezone=\"UTC\"";

    private final GraphSession g;
    private final String mailbox;
    private final int pageSize;

    CalendarGraph(GraphSession g, String mailbox, int pageSize) {
        this.g = g;
        this.mailbox = mailbox;
        this.pageSize = Math.max(1, pageSize);
    }

    public String mailbox() {
        return mailbox;
    }

    /**
     * The calendar an account names: null or blank the primary calendar, otherwise the calendar with that id or display
     * name (case-insensitive); {@link CalendarFailure.NotFound} when there is none.
     */
    public ResolvedCalendar resolve(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            GraphCalendar primary = g.get(g.user("/calendar"), GraphCalendar.class);
            return new ResolvedCalendar(primary.id(), primary.name(), "");
        }
        Optional<URI> uri = Optional.of(g.user("/calendars?$top=100"));
        GraphCalendar byName = null;
        while (uri.isPresent()) {
            GraphPage<GraphCalendar> page = g.page(uri.get(), GraphCalendar.class, null);
            for (GraphCalendar c : page.items()) {
                if (nameOrId.equals(c.id())) {
                    return named(c);
                }
                if (byName == null && nameOrId.equalsIgnoreCase(c.name())) {
                    byName = c;
                }
            }
            uri = page.nextLink();
        }
        if (byName == null) {
            throw new CalendarFailure.NotFound(mailbox, nameOrId);
        }
        return named(byName);
    }

    private static ResolvedCalendar named(GraphCalendar c) {
        return new ResolvedCalendar(c.id(), c.name(), "/calendars/" + UrlPaths.segment(c.id()));
    }

    /** The first page of a full round of calendarView/delta over {@code [start, end)}. */
    public GraphPage<GraphEvent> delta(ResolvedCalendar calendar, Instant start, Instant end) {
        return delta(g.user(calendar.path() + "/calendarView/delta?startDateTime="
                + DateTimeFormatter.ISO_INSTANT.format(start) + "&endDateTime="
                + DateTimeFormatter.ISO_INSTANT.format(end)));
    }

    /**
     * A further page of a round ({@code @odata.nextLink}) or the changes since a deltaLink; a
     * {@link GraphException#staleDeltaToken()} when Graph no longer knows the token.
     */
    public GraphPage<GraphEvent> delta(URI link) {
        return g.page(link, GraphEvent.class, UTC + ", odata.maxpagesize=" + pageSize);
    }

    /** One event by id (any calendar of the mailbox), times in UTC (Graph's default without a preference). */
    public GraphEvent event(String id) {
        return g.get(g.user("/events/" + UrlPaths.segment(id)), GraphEvent.class);
    }

    /** A deltaLink (stored or just received) checked to point to the Graph host. */
    public URI link(String deltaLink) {
        return g.link(deltaLink);
    }
}
