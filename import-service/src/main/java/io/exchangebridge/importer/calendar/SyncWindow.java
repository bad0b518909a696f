package io.exchangebridge.importer.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The time range an account syncs: from midnight UTC {@code daysBack} days before today to midnight after the
 * {@code daysAhead}-th day after today. It moves once a day, at midnight UTC; a moved window starts a new full round.
 */
public record SyncWindow(Instant start, Instant end) {

    public static SyncWindow of(Clock clock, int daysBack, int daysAhead) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new SyncWindow(today.minusDays(daysBack).atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.plusDays(daysAhead + 1L).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** Whether the event overlaps the window (an event without times counts as inside). */
    public boolean overlaps(GraphEvent event) {
        if (event.start() == null || event.end() == null) {
            return true;
        }
        return event.end().toInstant().isAfter(start) && event.start().toInstant().isBefore(end);
    }

    /** Whether this is the stored window ({@code null}s: none stored). */
    public boolean is(Instant storedStart, Instant storedEnd) {
        return start.equals(storedStart) && end.equals(storedEnd);
    }
}
