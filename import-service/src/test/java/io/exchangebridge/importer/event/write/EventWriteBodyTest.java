package io.exchangebridge.importer.event.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.event.write.EventWriteRequest.Attendee;
import io.exchangebridge.importer.event.write.EventWriteRequest.Body;
import io.exchangebridge.importer.event.write.EventWriteRequest.Time;

/** The Graph JSON of creates and PATCHes, and every request rule naming its member. */
class EventWriteBodyTest {

    private static final Time NINE = new Time("2026-12-03T09:00", "Europe/Amsterdam");
    private static final Time TEN = new Time("2026-12-03T10:00:00.000", "Europe/Amsterdam");

    private static EventWriteRequest create(Time start, Time end, List<Attendee> attendees, Boolean invite,
            Boolean allDay) {
        return new EventWriteRequest("erp", "Review", new Body("html", "<p>Agenda\nline 2</p>"), start, end, allDay,
                "Room 1", attendees, invite, "busy", "normal", List.of("ERP"), false, "ERP-42");
    }

    private static EventWriteRequest patch(String mailbox, String subject, Time start, Time end) {
        return new EventWriteRequest(mailbox, subject, null, start, end, null, null, null, null, null, null, null,
                null, null);
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (EventWriteFailure.Invalid e) {
            return e.field();
        }
        throw new AssertionError("no Invalid thrown");
    }

    @Test
    void aCreateCarriesTheKeyAsTransactionIdAndBothExtendedProperties() {
        Map<String, Object> body = GraphEventBody.create(create(NINE, TEN,
                List.of(new Attendee("bob@contoso.com", "Bob", null), new Attendee("room@contoso.com", null,
                        "resource")),
                null, null), "key-1");

        assertThat(body).containsEntry("transactionId", "key-1").containsEntry("subject", "Review")
                .containsEntry("start", Map.of("dateTime", "2026-12-03T09:00:00", "timeZone", "Europe/Amsterdam"))
                .containsEntry("end", Map.of("dateTime", "2026-12-03T10:00:00", "timeZone", "Europe/Amsterdam"))
                .containsEntry("location", Map.of("displayName", "Room 1")).containsEntry("showAs", "busy")
                .containsEntry("body", Map.of("contentType", "html", "content", "<p>Agenda\nline 2</p>"))
                .containsEntry("categories", List.of("ERP")).containsEntry("isOnlineMeeting", false)
                .doesNotContainKeys("mailbox", "clientId", "inviteAttendees");
        assertThat(body.get("attendees")).isEqualTo(List.of(
                Map.of("emailAddress", Map.of("address", "bob@contoso.com", "name", "Bob"), "type", "required"),
                Map.of("emailAddress", Map.of("address", "room@contoso.com"), "type", "resource")));
        assertThat(body.get("singleValueExtendedProperties")).isEqualTo(List.of(
                Map.of("id", "String {8b7c3e1a-5d2f-4c6b-9a0e-7f41d2c8b635} Name IdempotencyKey", "value", "key-1"),
                Map.of("id", "String {8b7c3e1a-5d2f-4c6b-9a0e-7f41d2c8b635} Name ClientId", "value", "ERP-42")));
    }

    @Test
    void aTimeWithoutZoneIsUtcAndAnAllDayEventRunsFromMidnight() {
        Map<String, Object> body = GraphEventBody.create(create(new Time("2026-12-24T00:00:00", null),
                new Time("2026-12-25T00:00:00", ""), null, null, true), "k");
        assertThat(body).containsEntry("isAllDay", true).containsEntry("start",
                Map.of("dateTime", "2026-12-24T00:00:00", "timeZone", "UTC"));

        assertThat(field(() -> GraphEventBody.create(create(NINE, TEN, null, null, true), "k")))
                .isEqualTo("start.dateTime");
    }

    @Test
    void everyRuleNamesItsMember() {
        assertThat(field(() -> GraphEventBody.create(create(null, TEN, null, null, null), "k"))).isEqualTo("start");
        assertThat(field(() -> GraphEventBody.create(create(NINE, null, null, null, null), "k"))).isEqualTo("end");
        assertThat(field(() -> GraphEventBody.create(new EventWriteRequest(null, "s", null, NINE, TEN, null, null,
                null, null, null, null, null, null, null), "k"))).isEqualTo("mailbox");
        assertThat(field(() -> GraphEventBody.create(new EventWriteRequest("erp", " ", null, NINE, TEN, null, null,
                null, null, null, null, null, null, null), "k"))).isEqualTo("subject");
        // 09:00 in Amsterdam is 08:00 UTC: an end at 08:30 UTC is before the start although its clock reads later.
        assertThat(field(() -> GraphEventBody.create(create(NINE, new Time("2026-12-03T08:00:00", "UTC"), null,
                null, null), "k"))).isEqualTo("end");
        assertThat(field(() -> GraphEventBody.create(create(NINE, NINE, null, null, null), "k"))).isEqualTo("end");
        assertThat(field(() -> GraphEventBody.create(create(new Time("3 Dec 9:00", null), TEN, null, null, null),
                "k"))).isEqualTo("start.dateTime");
        assertThat(field(() -> GraphEventBody.create(create(NINE, new Time("2026-12-03T10:00:00", "Mars/Olympus"),
                null, null, null), "k"))).isEqualTo("end.timeZone");
        assertThat(field(() -> GraphEventBody.create(create(NINE, TEN, List.of(new Attendee("bob", null, null)),
                null, null), "k"))).isEqualTo("attendees[0].address");
        assertThat(field(() -> GraphEventBody.create(create(NINE, TEN, List.of(new Attendee("bob@contoso.com", null,
                "boss")), null, null), "k"))).isEqualTo("attendees[0].type");
        assertThat(field(() -> GraphEventBody.create(new EventWriteRequest("erp", "s", null, NINE, TEN, null, null,
                null, null, "away", null, null, null, null), "k"))).isEqualTo("showAs");
        assertThat(field(() -> GraphEventBody.create(new EventWriteRequest("erp", "s", new Body("rtf", "x"), NINE,
                TEN, null, null, null, null, null, null, null, null, null), "k"))).isEqualTo("body.contentType");
    }

    @Test
    void attendeesWithoutInvitationAreRefusedAsGraphWouldInviteThem() {
        assertThat(field(() -> GraphEventBody.create(create(NINE, TEN, List.of(new Attendee("bob@contoso.com", null,
                null)), false, null), "k"))).isEqualTo("attendees");
        assertThat(GraphEventBody.create(create(NINE, TEN, List.of(), false, null), "k")).containsEntry("attendees",
                List.of());
    }

    @Test
    void aPatchSendsOnlyWhatIsGiven() {
        assertThat(GraphEventBody.patch(patch(null, "Moved", null, TEN))).containsOnlyKeys("subject", "end")
                .containsEntry("end", Map.of("dateTime", "2026-12-03T10:00:00", "timeZone", "Europe/Amsterdam"));

        assertThat(field(() -> GraphEventBody.patch(patch(null, null, null, null)))).isEqualTo("body");
        assertThat(field(() -> GraphEventBody.patch(patch("other", "s", null, null)))).isEqualTo("mailbox");
        assertThat(field(() -> GraphEventBody.patch(patch(null, "", null, null)))).isEqualTo("subject");
        assertThat(field(() -> GraphEventBody.patch(patch(null, null, TEN, NINE)))).isEqualTo("end");
        assertThatThrownBy(() -> GraphEventBody.patch(new EventWriteRequest(null, "s", null, null, null, null, null,
                null, null, null, null, null, null, "ERP-1"))).isInstanceOf(EventWriteFailure.Invalid.class)
                .hasMessageContaining("clientId");
    }
}
