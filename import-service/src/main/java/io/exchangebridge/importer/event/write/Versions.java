package io.exchangebridge.importer.event.write;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.exchangebridge.importer.calendar.GraphEvent;

/** The two sides of a 412: what the client asked for, and Exchange's event in the client's time zone. */
final class Versions {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private Versions() {
    }

    /** The requested start, end and subject (null where the request left them out) and the change key it sent. */
    static EventWriteFailure.Version yours(EventWriteRequest r, String changeKey) {
        return r == null
                ? new EventWriteFailure.Version(null, null, null, changeKey, null)
                : new EventWriteFailure.Version(r.start(), r.end(), r.subject(), changeKey, null);
    }

    /**
     * Exchange's version; its times (UTC, as we ask Graph for them) shown in the zone of the client's start (or end),
     * so the two sides compare at a glance.
     */
    static EventWriteFailure.Version current(GraphEvent e, EventWriteFailure.Version yours) {
        EventWriteRequest.Time zoneOf = yours.start() != null ? yours.start() : yours.end();
        ZoneId zone = zoneOf == null ? ZoneId.of("UTC") : GraphEventBody.zone(zoneOf, "start");
        return new EventWriteFailure.Version(time(e.start(), zone), time(e.end(), zone), e.subject(), e.changeKey(),
                e.lastModifiedDateTime() == null ? null : e.lastModifiedDateTime().toInstant());
    }

    private static EventWriteRequest.Time time(GraphEvent.DateTimeTimeZone t, ZoneId zone) {
        if (t == null || t.dateTime() == null) {
            return null;
        }
        Instant utc = t.toInstant();
        return new EventWriteRequest.Time(LOCAL.format(utc.atZone(zone)), zone.getId());
    }
}
