package io.exchangebridge.simulator.graph.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.calendar.StoredEvent.Organizer;

/**
 * One mailbox's calendars and events. The public methods are what Outlook would do to the mailbox (changes that a Graph
 * client then sees, with new change keys); the package-private ones are the Graph API's, with {@code If-Match}.
 * Thread-safe. Invitations to attendees are recorded after the change, outside this calendar's lock, so two calendars
 * inviting each other cannot deadlock.
 */
public final class MailboxCalendar {

    private final String upn;
    private final String displayName;
    private final Clock clock;
    private final Invitations invitations;
    private final CalendarListener listener;
    private final CalendarFolders folders = new CalendarFolders();
    private final Map<String, StoredEvent> events = new LinkedHashMap<>();
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final Map<String, String> transactions = new LinkedHashMap<>();

    /** The result of a create: the event, and whether it is new (false: a repeated transactionId). */
    record Created(StoredEvent event, boolean isNew) {
    }

    MailboxCalendar(String upn, String displayName, Clock clock, Invitations invitations,
            CalendarListener listener) {
        this.upn = upn;
        this.displayName = displayName;
        this.clock = clock;
        this.invitations = invitations;
        this.listener = listener;
    }

    public String upn() {
        return upn;
    }

    public String primaryCalendarId() {
        return folders.primaryId();
    }

    public synchronized List<CalendarFolder> calendars() {
        return folders.all();
    }

    /** A calendar by id, or by display name (ignoring case). */
    public synchronized Optional<CalendarFolder> calendar(String idOrName) {
        return folders.find(idOrName);
    }

    /** Creates a calendar and answers its id; {@link CalendarFailure.Kind#CALENDAR_EXISTS} for a taken name. */
    public synchronized String createCalendar(String name) {
        return folders.create(name);
    }

    /**
     * Creates an event as Outlook would, from Graph event JSON, in {@code calendarId} (null: the primary calendar). An
     * {@code organizer} in the JSON is kept (an invitation someone else sent); otherwise this mailbox organizes it.
     */
    public StoredEvent create(String calendarId, String json) {
        return insert(calendarId, Json.object(json), true).event();
    }

    /** Changes an event as Outlook would (no {@code If-Match}): a new change key. */
    public StoredEvent update(String id, String json) {
        return patch(id, Json.object(json), Optional.empty());
    }

    /** Deletes an event; a series master takes its whole series, an occurrence only itself. */
    public void delete(String id) {
        remove(id, Optional.empty());
    }

    /**
     * An attendee's answer to a meeting in this calendar, as Outlook would give it: {@code accepted},
     * {@code tentativelyAccepted} or {@code declined}; the organizer is told (its event's attendee status changes).
     */
    public StoredEvent respond(String id, String response) {
        return invitations.respond(this, id, response, null, true, Optional.empty());
    }

    /** The single instances and series masters, as {@code GET events} lists them. */
    public synchronized List<StoredEvent> events() {
        return List.copyOf(events.values());
    }

    /** An event by id: single instance, series master, occurrence or exception. */
    public synchronized Optional<StoredEvent> event(String id) {
        StoredEvent stored = events.get(id);
        if (stored != null) {
            return Optional.of(stored);
        }
        return EventIds.parseOccurrence(id).flatMap(o -> {
            Series s = series.get(o.masterId());
            return s == null ? Optional.empty() : s.instance(events.get(o.masterId()), o.originalStart());
        });
    }

    // --- the Graph API's operations ---

    Created insert(String calendarId, JsonNode body, boolean keepOrganizer) {
        Created created;
        synchronized (this) {
            String calendar = calendarId == null
                    ? folders.primaryId()
                    : calendar(calendarId).map(CalendarFolder::id)
                            .orElseThrow(CalendarFailure::notFound);
            String transactionId = body.path("transactionId").asText(null);
            if (transactionId != null && transactions.containsKey(transactionId)
                    && events.containsKey(transactions.get(transactionId))) {
                return new Created(events.get(transactions.get(transactionId)), false);
            }
            ObjectNode content = EventContent.merge(JsonNodeFactory.instance.objectNode(), body, keepOrganizer);
            Organizer organizer = organizer(content);
            content.remove("organizer");
            Instant now = clock.instant();
            boolean recurring = content.hasNonNull("recurrence");
            String id = EventIds.event();
            StoredEvent event = new StoredEvent(id, calendar, EventIds.iCalUId(),
                    recurring ? "seriesMaster" : "singleInstance", null, null, content,
                    EventContent.properties(Map.of(), body), EventIds.changeKey(), now, now, transactionId, false,
                    organizer);
            events.put(id, event);
            if (recurring) {
                series.put(id, new Series());
            }
            if (transactionId != null) {
                transactions.put(transactionId, id);
            }
            created = new Created(event, true);
            tell("created", event);
        }
        invitations.sent(this, MeetingMessage.Kind.REQUEST, created.event(), null);
        return created;
    }

    StoredEvent patch(String id, JsonNode body, Optional<String> ifMatch) {
        StoredEvent changed;
        synchronized (this) {
            StoredEvent current = find(id);
            current.checkIfMatch(ifMatch);
            Instant now = clock.instant();
            ObjectNode content = EventContent.merge(current.content(), body, false);
            Map<String, String> properties = EventContent.properties(current.extendedProperties(), body);
            if (current.seriesMasterId().isPresent()) {
                // an occurrence becomes (or stays) an exception; the master changes with it, as in Exchange
                content.remove("recurrence");
                StoredEvent master = events.get(current.seriesMasterId().get());
                Instant original = current.originalStart().orElseThrow();
                series.get(master.id()).modify(original, content, EventIds.changeKey(), now);
                events.put(master.id(), master.changed(master.content(), master.extendedProperties(),
                        EventIds.changeKey(), now, master.isCancelled()));
                changed = event(id).orElseThrow();
            } else {
                boolean recurring = content.hasNonNull("recurrence");
                if (recurring != current.type().equals("seriesMaster")) {
                    throw CalendarFailure.invalid("ErrorInvalidRequest",
                            "A single event and a series cannot be turned into each other by PATCH.");
                }
                changed = current.changed(content, properties, EventIds.changeKey(), now, current.isCancelled());
                events.put(id, changed);
                if (recurring) {
                    series.get(id).bump();
                }
            }
            tell("updated", changed);
        }
        invitations.sent(this, MeetingMessage.Kind.UPDATE, changed, null);
        return changed;
    }

    /** Deletes; Graph: "deleting the event on the organizer's calendar sends a cancellation message". */
    void remove(String id, Optional<String> ifMatch) {
        StoredEvent removed;
        synchronized (this) {
            removed = find(id);
            removed.checkIfMatch(ifMatch);
            drop(removed);
            tell("deleted", removed);
        }
        invitations.sent(this, MeetingMessage.Kind.CANCELLATION, removed, null);
    }

    private void drop(StoredEvent current) {
        if (current.seriesMasterId().isPresent()) {
            StoredEvent master = events.get(current.seriesMasterId().get());
            series.get(master.id()).delete(current.originalStart().orElseThrow());
            events.put(master.id(), master.changed(master.content(), master.extendedProperties(),
                    EventIds.changeKey(), clock.instant(), master.isCancelled()));
        } else {
            events.remove(current.id());
            series.remove(current.id());
        }
    }

    /** Cancels a meeting this mailbox organizes: attendees get the cancellation, the event leaves the calendar. */
    StoredEvent cancel(String id, String comment, Optional<String> ifMatch) {
        StoredEvent cancelled;
        synchronized (this) {
            StoredEvent current = find(id);
            current.checkIfMatch(ifMatch);
            if (!current.organizer().address().equalsIgnoreCase(upn)) {
                throw CalendarFailure.notOrganizer();
            }
            cancelled = current.changed(current.content(), current.extendedProperties(), EventIds.changeKey(),
                    clock.instant(), true);
            // Graph documents that cancel moves the organizer's event to Deleted Items
            drop(current);
            tell("deleted", current);
        }
        invitations.sent(this, MeetingMessage.Kind.CANCELLATION, cancelled, comment);
        return cancelled;
    }

    /** Changes a single event or master without meeting messages (response tracking): a new change key. */
    synchronized StoredEvent rewrite(String id, Optional<String> ifMatch, UnaryOperator<ObjectNode> change) {
        StoredEvent current = find(id);
        current.checkIfMatch(ifMatch);
        if (current.seriesMasterId().isPresent()) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "Respond to the series, not to one occurrence.");
        }
        StoredEvent changed = current.changed(change.apply(current.content()), current.extendedProperties(),
                EventIds.changeKey(), clock.instant(), current.isCancelled());
        events.put(id, changed);
        tell("updated", changed);
        return changed;
    }

    /** Marks an attendee's copy cancelled, as Exchange does when the organizer's cancellation arrives. */
    synchronized void markCancelled(String id) {
        StoredEvent current = events.get(id);
        if (current != null) {
            StoredEvent cancelled = current.changed(current.content(), current.extendedProperties(),
                    EventIds.changeKey(), clock.instant(), true);
            events.put(id, cancelled);
            tell("updated", cancelled);
        }
    }

    /**
     * Singles, occurrences and exceptions of {@code calendarId} (null: every calendar) in the window, by start: what
     * Graph's calendarView lists. An occurrence's id can be updated or deleted like any event's (it becomes an
     * exception, or is left out of the series).
     */
    public synchronized List<StoredEvent> calendarView(String calendarId, Instant from, Instant to) {
        List<StoredEvent> view = new ArrayList<>();
        for (StoredEvent event : events.values()) {
            if (calendarId != null && !event.calendarId().equals(calendarId)) {
                continue;
            }
            if (event.type().equals("seriesMaster")) {
                view.addAll(series.get(event.id()).instances(event, from, to));
            } else if (event.overlaps(from, to)) {
                view.add(event);
            }
        }
        view.sort(Comparator.comparing(StoredEvent::start).thenComparing(StoredEvent::id));
        return view;
    }

    /** The occurrences and exceptions of a series master in the window. */
    public synchronized List<StoredEvent> instances(String masterId, Instant from, Instant to) {
        StoredEvent master = find(masterId);
        if (!master.type().equals("seriesMaster")) {
            return List.of();
        }
        return series.get(masterId).instances(master, from, to);
    }

    private void tell(String changeType, StoredEvent event) {
        listener.changed(new CalendarListener.EventChange(upn, changeType, event.id(), event.calendarId(),
                event.changeKey()));
    }

    String displayName() {
        return displayName;
    }

    private StoredEvent find(String id) {
        if (!EventIds.wellFormed(id)) {
            throw CalendarFailure.malformedId();
        }
        return event(id).orElseThrow(CalendarFailure::notFound);
    }

    private Organizer organizer(ObjectNode content) {
        JsonNode address = content.path("organizer").path("emailAddress");
        if (address.hasNonNull("address")) {
            return new Organizer(address.path("name").asText(address.path("address").asText()),
                    address.path("address").asText());
        }
        return new Organizer(displayName, upn);
    }
}
