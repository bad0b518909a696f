package io.exchangebridge.simulator.graph.calendar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.calendar.MeetingMessage.Kind;

/**
 * Exchange's side of meetings: an organizer's create, update or cancel of an event with attendees sends one meeting
 * message to them, and an attendee that is a mailbox of this simulator gets the meeting into its primary calendar (an
 * event of its own, with its own id), updated and cancelled with the organizer's.
 */
final class MeetingMessages implements Invitations {

    private final GraphCalendar calendar;
    private final Clock clock;
    private final List<MeetingMessage> sent = new CopyOnWriteArrayList<>();
    /** The attendees' copies by organizer and event id: "upn|eventId" → attendee UPN → the copy's id. */
    private final Map<String, Map<String, String>> copies = new ConcurrentHashMap<>();

    MeetingMessages(GraphCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public void sent(MailboxCalendar organizer, Kind kind, StoredEvent event, String comment) {
        if (!event.organizer().address().equalsIgnoreCase(organizer.upn())) {
            // an attendee's copy, or an invitation from outside seeded by a test: the attendee sends nothing
            return;
        }
        List<String> recipients = recipients(event.raw("attendees"), organizer.upn());
        if (recipients.isEmpty()) {
            return;
        }
        sent.add(new MeetingMessage(kind, organizer.upn(), List.copyOf(recipients), event.subject(), comment,
                event.id(), clock.instant()));
        if (event.seriesMasterId().isPresent()) {
            // a changed or cancelled occurrence: the message is sent; attendees' copies keep their series
            return;
        }
        String key = organizer.upn() + "|" + event.id();
        for (String attendee : recipients) {
            if (calendar.isMailbox(attendee)) {
                deliver(kind, key, event, calendar.mailbox(attendee));
            }
        }
    }

    List<MeetingMessage> of(String upn) {
        List<MeetingMessage> mine = new ArrayList<>();
        for (MeetingMessage message : sent) {
            if (message.organizer().equalsIgnoreCase(upn)
                    || message.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(upn))) {
                mine.add(message);
            }
        }
        return mine;
    }

    void clear() {
        sent.clear();
        copies.clear();
    }

    private void deliver(Kind kind, String key, StoredEvent event, MailboxCalendar attendee) {
        Map<String, String> byAttendee = copies.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        Optional<String> copy = Optional.ofNullable(byAttendee.get(attendee.upn()));
        try {
            switch (kind) {
                case REQUEST -> {
                    ObjectNode content = event.content();
                    content.putObject("organizer").putObject("emailAddress").put("name", event.organizer().name())
                            .put("address", event.organizer().address());
                    byAttendee.put(attendee.upn(), attendee.insert(null, content, true).event().id());
                }
                case UPDATE -> copy.ifPresent(id -> attendee.patch(id, event.content(), Optional.empty()));
                case CANCELLATION -> copy.ifPresent(attendee::markCancelled);
            }
        } catch (CalendarFailure e) {
            // the attendee deleted the copy meanwhile: Exchange too delivers the message and nothing else
        }
    }

    private static List<String> recipients(JsonNode attendees, String organizer) {
        List<String> recipients = new ArrayList<>();
        if (attendees != null && attendees.isArray()) {
            for (JsonNode attendee : attendees) {
                String address = attendee.path("emailAddress").path("address").asText("");
                if (!address.isBlank() && !address.equalsIgnoreCase(organizer)) {
                    recipients.add(address);
                }
            }
        }
        return recipients;
    }
}
