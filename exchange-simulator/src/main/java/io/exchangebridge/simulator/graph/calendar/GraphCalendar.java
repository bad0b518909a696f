package io.exchangebridge.simulator.graph.calendar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;

/**
 * The simulated Exchange calendar of every mailbox, Graph's calendar API over it, its meeting messages and delta sync
 * states. Reach it as {@code sim.calendar()}: seed with {@code mailbox(upn).create(null, json)}, change events as
 * Outlook would with {@code update(..)}, inspect {@link #meetingMessages(String)}. Thread-safe.
 */
public final class GraphCalendar {

    private final Directory directory;
    private final Clock clock;
    private final ConcurrentMap<String, MailboxCalendar> mailboxes = new ConcurrentHashMap<>();
    private final MeetingMessages messages;
    private final CalendarSyncStates syncStates = new CalendarSyncStates();
    private final CalendarOperations operations;
    private final CalendarAdminHandler adminHandler;
    private final List<CalendarListener> listeners = new CopyOnWriteArrayList<>();
    private final CalendarListener fanOut = change -> listeners.forEach(l -> l.changed(change));

    public GraphCalendar(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.messages = new MeetingMessages(this, clock);
        this.operations = new CalendarOperations(this, syncStates);
        this.adminHandler = new CalendarAdminHandler(this);
    }

    /** A mailbox's calendar by UPN (case-insensitive), with its primary calendar; created on first use. */
    public MailboxCalendar mailbox(String upn) {
        String key = upn.toLowerCase(Locale.ROOT);
        return mailboxes.computeIfAbsent(key, k -> new MailboxCalendar(k,
                directory.mailbox(k).map(Mailbox::displayName).orElse(k), clock, messages, fanOut));
    }

    /** The meeting messages the mailbox sent as organizer or received as attendee, oldest first. */
    public List<MeetingMessage> meetingMessages(String upn) {
        return messages.of(upn);
    }

    /** Tells the listener of every event change in every calendar from now on. */
    public void addListener(CalendarListener listener) {
        listeners.add(listener);
    }

    /** Forgets the mailbox's calendar delta sync states: the next delta call answers 410 SyncStateNotFound. */
    public void expireSyncState(String upn) {
        syncStates.expire(upn);
    }

    /** Empties every calendar and forgets meeting messages and sync states. */
    public void reset() {
        mailboxes.clear();
        messages.clear();
        syncStates.clear();
    }

    /** Graph's calendar endpoints, for the Graph API's routing. */
    public CalendarOperations operations() {
        return operations;
    }

    /** The calendar admin API, to be mounted at {@code /_sim/calendar}. */
    public HttpHandler adminHandler() {
        return adminHandler;
    }

    Invitations invitations() {
        return messages;
    }

    /** Whether the address is a mailbox of this simulator (an attendee whose calendar gets the meeting). */
    boolean isMailbox(String address) {
        return directory.mailbox(address).isPresent();
    }

    List<MailboxCalendar> calendars() {
        return new ArrayList<>(mailboxes.values());
    }
}
