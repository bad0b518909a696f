package io.exchangebridge.importer.event.write;

import java.util.List;

import io.exchangebridge.foundation.text.MultiLineText;

/**
 * The body of {@code POST /api/events} and {@code PATCH /api/events/{id}}. On a create {@code mailbox},
 * {@code subject}, {@code start} and {@code end} are required; on a PATCH every member left out (or null) stays as it
 * is, and {@code mailbox}, {@code clientId} and {@code inviteAttendees} must be left out.
 *
 * @param mailbox
 *            the mailbox account whose calendar gets the event
 * @param inviteAttendees
 *            default true; false creates the appointment without attendees, because Graph sends an invitation to every
 *            attendee of an event it saves (so {@code attendees} must then be empty)
 * @param clientId
 *            the client's own id of the appointment, kept with the event and searchable ({@code ?clientId=})
 */
public record EventWriteRequest(String mailbox, String subject, Body body, Time start, Time end, Boolean isAllDay,
        String location, List<Attendee> attendees, Boolean inviteAttendees, String showAs, String sensitivity,
        List<String> categories, Boolean isOnlineMeeting, String clientId) {

    /** The event's text; {@code contentType} {@code text} (default) or {@code html}. */
    public record Body(String contentType, @MultiLineText String content) {
    }

    /** A local date-time ({@code 2026-12-03T09:00:00}) in an IANA time zone (default {@code UTC}). */
    public record Time(String dateTime, String timeZone) {
    }

    /** An attendee; {@code type} {@code required} (default), {@code optional} or {@code resource}. */
    public record Attendee(String address, String name, String type) {
    }
}
