package io.exchangebridge.simulator.graph.calendar;

import java.time.Instant;
import java.util.List;

/**
 * A meeting request, update or cancellation Exchange sent to a meeting's attendees, or an attendee's answer sent to the
 * organizer (then {@code recipients} is the organizer).
 *
 * @param kind
 *            what it announces
 * @param organizer
 *            the organizer's address
 * @param recipients
 *            the attendees' addresses
 * @param subject
 *            the meeting's subject
 * @param comment
 *            the organizer's comment (a cancellation's {@code Comment}), or null
 * @param eventId
 *            the organizer's event id
 * @param sentAt
 *            when it was sent (simulator clock)
 */
public record MeetingMessage(Kind kind, String organizer, List<String> recipients, String subject, String comment,
        String eventId, Instant sentAt) {

    /** Outlook's kinds of meeting message: the organizer's three and the attendee's three answers. */
    public enum Kind {
        REQUEST, UPDATE, CANCELLATION, ACCEPTED, TENTATIVELY_ACCEPTED, DECLINED
    }
}
