package io.exchangebridge.simulator.graph.calendar;

/**
 * Told of every change to an event, whoever made it (Graph calls, the Java and admin APIs, meeting messages). May be
 * called while a calendar is locked: implementations must only hand the change on (queue it), never block or call back
 * into the calendar.
 */
@FunctionalInterface
public interface CalendarListener {

    void changed(EventChange change);

    /**
     * One change of one event.
     *
     * @param upn
     *            the mailbox
     * @param changeType
     *            {@code created}, {@code updated} or {@code deleted}
     * @param eventId
     *            the event (single instance, series master, or the occurrence changed)
     * @param calendarId
     *            the calendar that holds it
     * @param changeKey
     *            the change key after the change (before it for {@code deleted})
     */
    record EventChange(String upn, String changeType, String eventId, String calendarId, String changeKey) {
    }
}
