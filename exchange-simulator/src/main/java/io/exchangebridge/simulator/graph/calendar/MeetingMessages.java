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
    /** The other way: "attendee upn|copy id" → "organizer upn|eventId". */
    private final Map<String, String> originals = new ConcurrentHashMap<>();

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
        originals.clear();
    }

    @Override
    public StoredEvent respond(MailboxCalendar attendee, String id, String response, String comment,
            boolean sendResponse, Optional<String> ifMatch) {
        Kind kind = switch (response) {
            case "accepted" -> Kind.ACCEPTED;
            case "tentativelyAccepted" -> Kind.TENTATIVELY_ACCEPTED;
            case "declined" -> Kind.DECLINED;
            default -> throw CalendarFailure.invalid("ErrorInvalidRequest", "Unknown response '" + response + "'.");
        };
        String at = clock.instant().toString();
        StoredEvent answered = attendee.rewrite(id, ifMatch, content -> {
            if (!content.has("attendees") || attendee.upn().equalsIgnoreCase(organizerOf(attendee, id))) {
                // not documented by Microsoft; Outlook offers no answer to one's own meeting either
                throw CalendarFailure.invalid("ErrorInvalidRequest", "Only an attendee can respond to a meeting.");
            }
            content.putObject("responseStatus").put("response", response).put("time", at);
            return content;
        });
        if (sendResponse) {
            sent.add(new MeetingMessage(kind, answered.organizer().address(), List.of(answered.organizer()
                    .address()), answered.subject(), comment, answered.id(), clock.instant()));
            String original = originals.get(attendee.upn() + "|" + id);
            if (original != null) {
                int bar = original.indexOf('|');
                tellOrganizer(calendar.mailbox(original.substring(0, bar)), original.substring(bar + 1),
                        attendee.upn(), response, at);
            }
        }
        return answered;
    }

    private static String organizerOf(MailboxCalendar calendar, String id) {
        return calendar.event(id).map(e -> e.organizer().address()).orElse("");
    }

    /** The organizer's event records the attendee's answer (Exchange's response tracking). */
    private static void tellOrganizer(MailboxCalendar organizer, String eventId, String attendee, String response,
            String at) {
        try {
            organizer.rewrite(eventId, Optional.empty(), content -> {
                for (JsonNode entry : content.path("attendees")) {
                    if (entry.path("emailAddress").path("address").asText("").equalsIgnoreCase(attendee)) {
                        ((ObjectNode) entry).putObject("status").put("response", response).put("time", at);
                    }
                }
                return content;
            });
        } catch (CalendarFailure e) {
            // the organizer deleted the meeting meanwhile: the answer reaches nothing
        }
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
                    String copyId = attendee.insert(null, content, true).event().id();
                    byAttendee.put(attendee.upn(), copyId);
                    originals.put(attendee.upn() + "|" + copyId, key);
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
