package io.exchangebridge.simulator.testmail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A meeting request as Outlook sends it: an iCalendar {@code METHOD:REQUEST} with one VEVENT.
 *
 * @param uid
 *            the event UID
 * @param summary
 *            the title (ASCII, so the part stays 7bit)
 * @param start
 *            the start time
 * @param duration
 *            the length
 * @param organizer
 *            the organiser's address
 * @param attendees
 *            the attendees' addresses
 */
public record CalendarInvite(String uid, String summary, Instant start, Duration duration, String organizer,
        List<String> attendees) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The iCalendar text with CRLF line ends. */
    public String toICalendar() {
        StringBuilder sb = new StringBuilder();
        sb.append("BEGIN:VCALENDAR\r\n");
        sb.append("METHOD:REQUEST\r\n");
        sb.append("PRODID:Microsoft Exchange Server 2010\r\n");
        sb.append("VERSION:2.0\r\n");
        sb.append("BEGIN:VEVENT\r\n");
        sb.append("ORGANIZER;CN=").append(organizer).append(":mailto:").append(organizer).append("\r\n");
        for (String attendee : attendees) {
            sb.append("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=").append(attendee)
                    .append(":mailto:").append(attendee).append("\r\n");
        }
        sb.append("SUMMARY;LANGUAGE=en-US:").append(summary).append("\r\n");
        sb.append("DTSTART:").append(UTC.format(start)).append("\r\n");
        sb.append("DTEND:").append(UTC.format(start.plus(duration))).append("\r\n");
        sb.append("UID:").append(uid).append("\r\n");
        sb.append("DTSTAMP:").append(UTC.format(start.minus(Duration.ofDays(1)))).append("\r\n");
        sb.append("SEQUENCE:0\r\n");
        sb.append("STATUS:CONFIRMED\r\n");
        sb.append("END:VEVENT\r\n");
        sb.append("END:VCALENDAR\r\n");
        return sb.toString();
    }
}
