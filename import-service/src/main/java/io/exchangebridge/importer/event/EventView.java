package io.exchangebridge.importer.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event as internal clients get it ({@code GET /api/events}, the event webhook, the answers of writes). Times are in
 * {@code start.timeZone}; the store answers UTC and {@link #inZone} converts. The HTTP ETag is {@code "<changeKey>"}.
 *
 * @param id
 *            our stable id (a UUID), given at first sight
 * @param mailbox
 *            the mailbox account id
 * @param graphId
 *            Graph's (immutable) event id
 * @param type
 *            {@code singleInstance}, {@code occurrence}, {@code exception} (or {@code seriesMaster} for a series
 *            written through the API)
 * @param seriesId
 *            Graph's {@code seriesMasterId} of an occurrence or exception
 * @param deleted
 *            true in the change feed for an event deleted in Exchange (or left the window while synced)
 * @param changedAt
 *            when this state was stored
 */
public record EventView(String id, String mailbox, String graphId, @JsonProperty("iCalUId") String iCalUId,
        String type, String seriesId, String subject, Time start, Time end, String originalStartTimeZone,
        @JsonProperty("isAllDay") boolean isAllDay, String location, Person organizer, List<Attendee> attendees,
        String showAs, String sensitivity, List<String> categories, String onlineMeetingUrl,
        @JsonProperty("isCancelled") boolean isCancelled, Instant lastModified, String changeKey, String clientId,
        boolean deleted, Instant changedAt) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** A local date-time ({@code 2026-12-03T09:00:00}) in an IANA zone. */
    public record Time(String dateTime, String timeZone) {

        /** {@code instant} in UTC. */
        public static Time utc(Instant instant) {
            return instant == null ? null : new Time(LOCAL.format(instant.atOffset(ZoneOffset.UTC)), "UTC");
        }

        /** The instant of a time the store made ({@link #utc}). */
        public Instant utcInstant() {
            return LocalDateTime.parse(dateTime).toInstant(ZoneOffset.UTC);
        }
    }

    public record Person(String name, String address) {
    }

    /**
     * @param type
     *            {@code required|optional|resource}
     * @param response
     *            {@code none|accepted|tentativelyAccepted|declined|notResponded|organizer}
     */
    public record Attendee(String name, String address, String type, String response, Instant respondedAt) {
    }

    /**
     * The same event with {@code start}/{@code end} in {@code zone}. All-day events keep their dates: Exchange stores
     * them as floating days (midnight to midnight wherever the reader is), so only the zone's name changes.
     */
    public EventView inZone(ZoneId zone) {
        if (start == null || "UTC".equals(zone.getId()) && "UTC".equals(start.timeZone())) {
            return this;
        }
        return new EventView(id, mailbox, graphId, iCalUId, type, seriesId, subject, convert(start, zone),
                convert(end, zone), originalStartTimeZone, isAllDay, location, organizer, attendees, showAs,
                sensitivity, categories, onlineMeetingUrl, isCancelled, lastModified, changeKey, clientId, deleted,
                changedAt);
    }

    private Time convert(Time time, ZoneId zone) {
        if (time == null) {
            return null;
        }
        if (isAllDay) {
            return new Time(time.dateTime(), zone.getId());
        }
        return new Time(LOCAL.format(time.utcInstant().atZone(zone)), zone.getId());
    }
}
