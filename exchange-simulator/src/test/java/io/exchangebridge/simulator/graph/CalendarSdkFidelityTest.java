package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.SimulatorGraph.ALICE;
import static io.exchangebridge.simulator.graph.SimulatorGraph.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventType;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Location;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendarview.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.events.item.cancel.CancelPostRequestBody;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.MeetingMessage;

/**
 * The Graph Java SDK v6, unmodified, on the simulated calendar: events, calendarView, a delta round trip and a repeated
 * transactionId, with tokens MSAL4J gets from the simulator's Entra ID for an app holding Calendars.ReadWrite.
 */
@TestInstance(Lifecycle.PER_CLASS)
class CalendarSdkFidelityTest {

    private static final String START = "2026-12-01T00:00:00Z";
    private static final String END = "2027-01-01T00:00:00Z";

    private SimulatorGraph graph;
    private GraphServiceClient client;
    private MailboxCalendar alice;

    @BeforeAll
    void start() throws Exception {
        graph = new SimulatorGraph();
        graph.importer.applicationRoles(Resources.GRAPH, "Calendars.ReadWrite");
        client = new GraphSdkClients(graph).application();
    }

    @AfterAll
    void stop() {
        graph.close();
    }

    @BeforeEach
    void clean() {
        graph.sim.calendar().reset();
        alice = graph.sim.calendar().mailbox(ALICE);
    }

    private static Event event(String subject, String day) {
        Event event = new Event();
        event.setSubject(subject);
        event.setStart(time(day + "T09:00:00", "W. Europe Standard Time"));
        event.setEnd(time(day + "T10:00:00", "W. Europe Standard Time"));
        return event;
    }

    private static DateTimeTimeZone time(String dateTime, String zone) {
        DateTimeTimeZone time = new DateTimeTimeZone();
        time.setDateTime(dateTime);
        time.setTimeZone(zone);
        return time;
    }

    @Test
    void eventsCreateGetListPatchAndAStaleIfMatch() {
        Event request = event("Planning", "2026-12-03");
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent("<p>Agenda</p>");
        request.setBody(body);
        Location location = new Location();
        location.setDisplayName("Room 1");
        request.setLocation(location);
        Attendee bob = new Attendee();
        EmailAddress address = new EmailAddress();
        address.setAddress(BOB);
        address.setName("Bob");
        bob.setEmailAddress(address);
        bob.setType(AttendeeType.Required);
        request.setAttendees(List.of(bob));

        Event created = client.users().byUserId(ALICE).events().post(request);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getType()).isEqualTo(EventType.SingleInstance);
        assertThat(created.getStart().getDateTime()).isEqualTo("2026-12-03T08:00:00.0000000");
        assertThat(created.getStart().getTimeZone()).isEqualTo("UTC");
        assertThat(created.getOriginalStartTimeZone()).isEqualTo("W. Europe Standard Time");
        assertThat(created.getOrganizer().getEmailAddress().getAddress()).isEqualTo(ALICE);
        assertThat(created.getIsOrganizer()).isTrue();
        assertThat(created.getAttendees()).singleElement().satisfies(a -> assertThat(a.getEmailAddress()
                .getAddress()).isEqualTo(BOB));
        assertThat(created.getCreatedDateTime()).isNotNull();
        assertThat(created.getLocation().getDisplayName()).isEqualTo("Room 1");
        assertThat(created.getAdditionalData()).containsEntry("@odata.etag", "W/\"" + created.getChangeKey()
                + "\"");

        Event got = client.users().byUserId(ALICE).events().byEventId(created.getId()).get();
        assertThat(got.getChangeKey()).isEqualTo(created.getChangeKey());
        assertThat(client.users().byUserId(ALICE).events().get().getValue()).extracting(Event::getId)
                .containsExactly(created.getId());

        alice.update(created.getId(), "{\"subject\": \"Changed in Outlook\"}");
        Event patch = new Event();
        patch.setSubject("Overwrite");
        assertThatThrownBy(() -> client.users().byUserId(ALICE).events().byEventId(created.getId()).patch(patch,
                rc -> rc.headers.add("If-Match", "W/\"" + created.getChangeKey() + "\"")))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(412);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorIrresolvableConflict");
                });
        // a new model: the SDK's backing store sends only the values changed since a model was last serialized
        Event unconditional = new Event();
        unconditional.setSubject("Overwrite");
        Event patched = client.users().byUserId(ALICE).events().byEventId(created.getId()).patch(unconditional);
        assertThat(patched.getSubject()).isEqualTo("Overwrite");
        assertThat(graph.sim.calendar().meetingMessages(BOB)).extracting(MeetingMessage::kind).containsExactly(
                MeetingMessage.Kind.REQUEST, MeetingMessage.Kind.UPDATE, MeetingMessage.Kind.UPDATE);

        CancelPostRequestBody cancel = new CancelPostRequestBody();
        cancel.setComment("Sorry");
        client.users().byUserId(ALICE).events().byEventId(created.getId()).cancel().post(cancel);
        assertThat(graph.sim.calendar().meetingMessages(BOB)).last().satisfies(m -> assertThat(m.comment())
                .isEqualTo("Sorry"));
        assertThat(alice.event(created.getId())).isEmpty();
    }

    @Test
    void calendarViewExpandsASeriesInThePreferredZone() {
        alice.create(null,
                """
                        {"subject": "Standup", "start": {"dateTime": "2026-12-07T09:00:00", "timeZone": "UTC"},
                         "end": {"dateTime": "2026-12-07T09:15:00", "timeZone": "UTC"},
                         "recurrence": {"pattern": {"type": "daily", "interval": 1},
                                        "range": {"type": "numbered", "startDate": "2026-12-07", "numberOfOccurrences": 3}}}""");
        alice.create(null, """
                {"subject": "Single", "start": {"dateTime": "2026-12-20T12:00:00", "timeZone": "UTC"},
                 "end": {"dateTime": "2026-12-20T13:00:00", "timeZone": "UTC"}}""");
        List<Event> view = client.users().byUserId(ALICE).calendarView().get(rc -> {
            rc.queryParameters.startDateTime = START;
            rc.queryParameters.endDateTime = END;
            rc.headers.add("Prefer", "outlook.timezone=\"Pacific Standard Time\"");
        }).getValue();
        assertThat(view).extracting(Event::getType).containsExactly(EventType.Occurrence, EventType.Occurrence,
                EventType.Occurrence, EventType.SingleInstance);
        assertThat(view.get(0).getStart().getDateTime()).isEqualTo("2026-12-07T01:00:00.0000000");
        assertThat(view.get(0).getStart().getTimeZone()).isEqualTo("Pacific Standard Time");
        assertThat(view.get(0).getSeriesMasterId()).isEqualTo(alice.events().get(0).id());
    }

    @Test
    void deltaRoundTripWithPagesChangesAndRemovals() {
        String one = alice.create(null, "{\"subject\": \"One\", \"start\": {\"dateTime\": \"2026-12-02T09:00:00\","
                + " \"timeZone\": \"UTC\"}, \"end\": {\"dateTime\": \"2026-12-02T10:00:00\", \"timeZone\": \"UTC\"}}")
                .id();
        client.users().byUserId(ALICE).events().post(event("Two", "2026-12-04"));
        client.users().byUserId(ALICE).events().post(event("Three", "2026-12-06"));

        List<Event> items = new ArrayList<>();
        DeltaGetResponse page = client.users().byUserId(ALICE).calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = START;
            rc.queryParameters.endDateTime = END;
            rc.headers.add("Prefer", "odata.maxpagesize=2");
        });
        int pages = 1;
        items.addAll(page.getValue());
        while (page.getOdataNextLink() != null) {
            page = client.users().byUserId(ALICE).calendarView().delta().withUrl(page.getOdataNextLink()).get();
            items.addAll(page.getValue());
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(items).extracting(Event::getSubject).containsExactlyInAnyOrder("One", "Two", "Three");
        String deltaLink = page.getOdataDeltaLink();
        assertThat(deltaLink).contains("$deltatoken=");

        alice.update(one, "{\"subject\": \"One (moved)\"}");
        String two = items.stream().filter(e -> e.getSubject().equals("Two")).findFirst().orElseThrow().getId();
        client.users().byUserId(ALICE).events().byEventId(two).delete();

        DeltaGetResponse changes = client.users().byUserId(ALICE).calendarView().delta().withUrl(deltaLink).get();
        assertThat(changes.getValue()).hasSize(2);
        assertThat(changes.getValue()).filteredOn(e -> e.getAdditionalData().containsKey("@removed"))
                .singleElement().satisfies(e -> assertThat(e.getId()).isEqualTo(two));
        assertThat(changes.getValue()).filteredOn(e -> !e.getAdditionalData().containsKey("@removed"))
                .extracting(Event::getSubject).containsExactly("One (moved)");
        assertThat(changes.getOdataDeltaLink()).isNotNull();
    }

    @Test
    void createWithTheSameTransactionIdTwiceMakesOneEvent() {
        Event request = event("Board meeting", "2026-12-10");
        request.setTransactionId("erp-7-create");
        Event first = client.users().byUserId(ALICE).events().post(request);
        // the retry as a client makes it, from a new model (the SDK would send only changed values of the old one)
        Event retry = event("Board meeting", "2026-12-10");
        retry.setTransactionId("erp-7-create");
        Event second = client.users().byUserId(ALICE).events().post(retry);
        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(first.getTransactionId()).isEqualTo("erp-7-create");
        assertThat(alice.events()).hasSize(1);
    }
}
