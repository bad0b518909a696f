package io.exchangebridge.simulator.graph.calendar;

import java.util.Optional;

/** Exchange's meeting handling between calendars: told of each change of an event, and of attendees' answers. */
interface Invitations {

    /** After the organizer's calendar has made the change. */
    void sent(MailboxCalendar calendar, MeetingMessage.Kind kind, StoredEvent event, String comment);

    /** An attendee answers a meeting in its calendar; the organizer's event learns the answer when sent. */
    StoredEvent respond(MailboxCalendar attendee, String id, String response, String comment, boolean sendResponse,
            Optional<String> ifMatch);
}
