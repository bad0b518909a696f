package io.exchangebridge.simulator.graph.calendar;

/** Told of each change of an event, after the organizer's calendar has made it. */
interface Invitations {

    void sent(MailboxCalendar calendar, MeetingMessage.Kind kind, StoredEvent event, String comment);
}
