package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.calendar.MeetingMessage;
import io.exchangebridge.simulator.graph.calendar.MeetingMessage.Kind;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;

/** Invitations, updates and cancellations: meeting messages, attendees' copies, cancel for organizers only. */
class CalendarMeetingsTest extends GraphServerTest {

    private static final String MEETING = """
            {"subject": "Review", "start": {"dateTime": "2026-12-03T14:00:00", "timeZone": "UTC"},
             "end": {"dateTime": "2026-12-03T15:00:00", "timeZone": "UTC"},
             "attendees": [{"emailAddress": {"address": "%s", "name": "Bob"}, "type": "required"},
                           {"emailAddress": {"address": "carol@fabrikam.test", "name": "Carol"}, "type": "optional"}]}"""
            .formatted(BOB);

    private GraphCalendar calendar;
    private String id;

    @BeforeEach
    void invite() {
        token = server.tokens.app("Calendars.ReadWrite");
        calendar = server.mail.calendar();
        HttpResponse<String> created = server.post("/users/" + ALICE + "/events", token, MEETING);
        assertThat(created.statusCode()).isEqualTo(201);
        id = server.body(created).get("id").asText();
    }

    private StoredEvent bobsCopy() {
        return calendar.mailbox(BOB).events().stream().filter(e -> e.subject().startsWith("Review")).findFirst()
                .orElseThrow();
    }

    @Test
    void anInvitationReachesEveryAttendeeAndTheCalendarOfSimulatorMailboxes() {
        assertThat(calendar.meetingMessages(ALICE)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Kind.REQUEST);
            assertThat(m.organizer()).isEqualTo(ALICE);
            assertThat(m.recipients()).containsExactly(BOB, "carol@fabrikam.test");
            assertThat(m.eventId()).isEqualTo(id);
        });
        assertThat(calendar.meetingMessages("carol@fabrikam.test")).hasSize(1);
        StoredEvent copy = bobsCopy();
        assertThat(copy.id()).isNotEqualTo(id);
        assertThat(copy.organizer().address()).isEqualTo(ALICE);
        JsonNode bobsView = server.body(server.get("/users/" + BOB + "/events/" + copy.id(), token));
        assertThat(bobsView.get("isOrganizer").asBoolean()).isFalse();
        assertThat(bobsView.at("/organizer/emailAddress/address").asText()).isEqualTo(ALICE);
    }

    @Test
    void anUpdateIsSentAndAppliedToTheCopies() {
        server.patch("/users/" + ALICE + "/events/" + id, token, "{\"subject\": \"Review (new room)\"}");
        assertThat(calendar.meetingMessages(BOB)).extracting(MeetingMessage::kind).containsExactly(Kind.REQUEST,
                Kind.UPDATE);
        assertThat(bobsCopy().subject()).isEqualTo("Review (new room)");
    }

    @Test
    void onlyTheOrganizerCancelsAndAttendeesGetTheComment() {
        StoredEvent copy = bobsCopy();
        HttpResponse<String> byAttendee = server.post("/users/" + BOB + "/events/" + copy.id() + "/cancel", token,
                "{\"Comment\": \"I cannot\"}");
        assertThat(byAttendee.statusCode()).isEqualTo(400);
        assertThat(server.body(byAttendee).at("/error/message").asText()).contains("organizer");

        HttpResponse<String> stale = server.send(server.request("/users/" + ALICE + "/events/" + id + "/cancel",
                token).header("Content-Type", "application/json").header("If-Match", "W/\"stale\"")
                .POST(BodyPublishers.ofString("{\"Comment\": \"x\"}")).build());
        assertThat(stale.statusCode()).isEqualTo(412);

        HttpResponse<String> cancelled = server.post("/users/" + ALICE + "/events/" + id + "/cancel", token,
                "{\"Comment\": \"Moved to next week\"}");
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(cancelled.body()).isEmpty();
        assertThat(calendar.meetingMessages(BOB)).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Kind.CANCELLATION);
            assertThat(m.comment()).isEqualTo("Moved to next week");
        });
        // Graph moves the organizer's event to Deleted Items; the attendee's copy stays, cancelled
        assertThat(server.get("/users/" + ALICE + "/events/" + id, token).statusCode()).isEqualTo(404);
        assertThat(calendar.mailbox(BOB).event(copy.id()).orElseThrow().isCancelled()).isTrue();
        JsonNode bobsView = server.body(server.get("/users/" + BOB + "/events/" + copy.id(), token));
        assertThat(bobsView.get("isCancelled").asBoolean()).isTrue();
    }

    @Test
    void deletingAMeetingOnTheOrganizersCalendarSendsACancellation() {
        StoredEvent copy = bobsCopy();
        assertThat(server.delete("/users/" + ALICE + "/events/" + id, token).statusCode()).isEqualTo(204);
        assertThat(calendar.meetingMessages(BOB)).extracting(MeetingMessage::kind).containsExactly(Kind.REQUEST,
                Kind.CANCELLATION);
        assertThat(calendar.mailbox(BOB).event(copy.id()).orElseThrow().isCancelled()).isTrue();
        // the attendee deleting its copy tells nobody
        calendar.mailbox(BOB).delete(copy.id());
        assertThat(calendar.meetingMessages(BOB)).hasSize(2);
    }

    @Test
    void anAttendeesAnswerReachesTheOrganizersEvent() {
        StoredEvent copy = bobsCopy();
        String before = calendar.mailbox(ALICE).event(id).orElseThrow().changeKey();
        HttpResponse<String> accepted = server.post("/users/" + BOB + "/events/" + copy.id() + "/accept", token,
                "{\"comment\": \"See you\", \"sendResponse\": true}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode bobsView = server.body(server.get("/users/" + BOB + "/events/" + copy.id(), token));
        assertThat(bobsView.at("/responseStatus/response").asText()).isEqualTo("accepted");
        JsonNode alicesView = server.body(server.get("/users/" + ALICE + "/events/" + id, token));
        assertThat(alicesView.get("changeKey").asText()).isNotEqualTo(before);
        assertThat(alicesView.get("attendees")).filteredOn(a -> a.at("/emailAddress/address").asText().equals(BOB))
                .singleElement().satisfies(a -> assertThat(a.at("/status/response").asText()).isEqualTo("accepted"));
        assertThat(alicesView.at("/responseStatus/response").asText()).isEqualTo("organizer");
        assertThat(calendar.meetingMessages(ALICE)).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Kind.ACCEPTED);
            assertThat(m.recipients()).containsExactly(ALICE);
            assertThat(m.comment()).isEqualTo("See you");
        });

        // declining without telling the organizer changes only the attendee's copy
        calendar.mailbox(BOB).respond(copy.id(), "tentativelyAccepted");
        server.post("/users/" + BOB + "/events/" + copy.id() + "/decline", token, "{\"sendResponse\": false}");
        assertThat(calendar.mailbox(ALICE).event(id).orElseThrow().content().at("/attendees/0/status/response")
                .asText()).isEqualTo("tentativelyAccepted");
        assertThat(server.post("/users/" + ALICE + "/events/" + id + "/accept", token, "{}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void eventsWithoutAttendeesSendNothing() {
        calendar.mailbox(BOB).create(null, """
                {"subject": "Focus time", "start": {"dateTime": "2026-12-04T08:00:00", "timeZone": "UTC"},
                 "end": {"dateTime": "2026-12-04T10:00:00", "timeZone": "UTC"}}""");
        assertThat(calendar.meetingMessages(BOB)).hasSize(1);
        assertThat(calendar.meetingMessages(BOB).get(0).organizer()).isEqualTo(ALICE);
    }
}
