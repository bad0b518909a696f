package io.exchangebridge.importer.event.write;

import static io.exchangebridge.importer.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.MeetingMessage;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Event writes against the simulated Graph calendar: creates with and without invitations, a create retried with the
 * same Idempotency-Key (also after Graph made the event but its answer never reached the store), PATCH round trips with
 * the change key, an Outlook-side change answered as 412 with both versions and nothing overwritten, cancel with a
 * comment, DELETE, and the two-way round trip through a sync run and the change feed.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class EventWriteResourceTest {

    static final String DOMAIN = "@contoso.onmicrosoft.com";
    /** A credential whose app may read and write calendars. */
    static final String CALENDAR_APP = "calendar-app";
    static final String DAY = LocalDate.now().plusDays(7).toString();

    static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    @BeforeAll
    static void calendarApp() {
        AppRegistration app = sim().tenant(SimulatorResource.TENANT).app("33333333-2222-3333-4444-555555555555")
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Calendars.ReadWrite");
        SimulatorResource.credentials().credential(CALENDAR_APP, app);
    }

    /** A user mailbox and an account syncing its primary calendar (calendar only); answers the UPN. */
    static String calendarAccount(String id) {
        return account(id, CALENDAR_APP, Map.of());
    }

    /** A user mailbox and an account on it: with {@code calendar} calendar only, without it mail only. */
    static String account(String id, String credential, Map<String, Object> calendar) {
        String upn = id + DOMAIN;
        sim().tenant(SimulatorResource.TENANT).user(upn);
        Map<String, Object> account = new HashMap<>();
        account.put("id", id);
        account.put("mailbox", upn);
        account.put("credentialId", credential);
        if (calendar != null) {
            account.put("importMail", false);
            account.put("calendar", calendar);
        }
        Api.createMailbox(account);
        return upn;
    }

    static Map<String, Object> event(String account, String subject) {
        Map<String, Object> e = new HashMap<>();
        e.put("mailbox", account);
        e.put("subject", subject);
        e.put("start", Map.of("dateTime", DAY + "T09:00:00", "timeZone", "Europe/Amsterdam"));
        e.put("end", Map.of("dateTime", DAY + "T10:00:00", "timeZone", "Europe/Amsterdam"));
        e.put("body", Map.of("contentType", "text", "content", "Agenda:\n1. Offer"));
        e.put("location", "Room 4");
        return e;
    }

    static Response create(Map<String, Object> event, String key) {
        var request = as("writer").contentType("application/json").body(event);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/events");
    }

    static Response patch(String id, String etag, Map<String, Object> changes) {
        var request = as("writer").contentType("application/json").body(changes);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.patch("/api/events/" + id);
    }

    static StoredEvent stored(String upn, String graphId) {
        return sim().calendar().mailbox(upn).event(graphId).orElseThrow();
    }

    @Test
    void aCreateWithAttendeesInvitesThemAndKeepsTheClientId() {
        String upn = calendarAccount("w-invite");
        String bob = "w-invite-bob" + DOMAIN;
        sim().tenant(SimulatorResource.TENANT).user(bob);
        Map<String, Object> body = event("w-invite", "Offer review");
        body.put("attendees", List.of(Map.of("address", bob, "name", "Bob")));
        body.put("clientId", "ERP-4711");
        String key = UUID.randomUUID().toString();

        Response r = create(body, key);

        r.then().statusCode(201).contentType(containsString("application/json"));
        JsonPath view = r.jsonPath();
        String id = view.getString("id");
        assertThat(r.header("Location")).endsWith("/api/events/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"" + view.getString("changeKey") + "\"");
        assertThat(view.getString("mailbox")).isEqualTo("w-invite");
        assertThat(view.getString("subject")).isEqualTo("Offer review");
        assertThat(view.getString("clientId")).isEqualTo("ERP-4711");
        assertThat(view.getString("location")).isEqualTo("Room 4");
        assertThat(view.getString("start.dateTime")).startsWith(DAY + "T08:00:00");
        assertThat(view.getString("start.timeZone")).isEqualTo("UTC");
        assertThat(view.getList("attendees.address")).containsExactly(bob);
        StoredEvent e = stored(upn, view.getString("graphId"));
        assertThat(e.transactionId()).contains(key);
        assertThat(e.changeKey()).isEqualTo(view.getString("changeKey"));
        List<MeetingMessage> sent = sim().calendar().meetingMessages(upn);
        assertThat(sent).filteredOn(m -> m.eventId().equals(e.id())).singleElement().satisfies(m -> {
            assertThat(m.recipients()).containsExactly(bob);
            assertThat(m.subject()).isEqualTo("Offer review");
        });
        // readable at once, and findable by the client's id
        as("reader").get("/api/events/" + id).then().statusCode(200).body("subject", equalTo("Offer review"));
        assertThat(as("reader").queryParam("clientId", "ERP-4711").get("/api/events").jsonPath()
                .getList("items.id")).containsExactly(id);
    }

    @Test
    void aCreateWithoutInvitationsIsAnAppointment() {
        String upn = calendarAccount("w-quiet");
        Map<String, Object> body = event("w-quiet", "Dentist");
        body.put("inviteAttendees", false);

        String graphId = create(body, "quiet-1").then().statusCode(201).extract().path("graphId");

        assertThat(stored(upn, graphId).subject()).isEqualTo("Dentist");
        assertThat(sim().calendar().meetingMessages(upn)).isEmpty();
        body.put("attendees", List.of(Map.of("address", "bob" + DOMAIN)));
        create(body, "quiet-2").then().statusCode(400).body("field", equalTo("attendees"));
    }

    @Test
    void aRetriedCreateAnswersTheSameEventAndMakesNoSecond() {
        String upn = calendarAccount("w-retry");
        Map<String, Object> body = event("w-retry", "Once only");

        String id = create(body, "retry-1").then().statusCode(201).extract().path("id");
        Response again = create(body, "retry-1");

        again.then().statusCode(200).body("id", equalTo(id));
        assertThat(again.header("Location")).endsWith("/api/events/" + id);
        assertThat(sim().calendar().mailbox(upn).events()).filteredOn(e -> e.subject().equals("Once only"))
                .hasSize(1);
        body.put("subject", "Something else");
        create(body, "retry-1").then().statusCode(422).body("errorCode", equalTo("IDEMPOTENCY_KEY_REUSED"));
        create(body, null).then().statusCode(400).body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsNotMadeTwice() {
        String upn = calendarAccount("w-lost");
        AtomicBoolean crashed = new AtomicBoolean();
        QuarkusMock.installMockForType(new EventWriteCheckpoints() {
            @Override
            public void afterGraphCreate(String mailboxId, String graphId) {
                if ("w-lost".equals(mailboxId) && crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("crash after Graph made the event");
                }
            }
        }, EventWriteCheckpoints.class);
        Map<String, Object> body = event("w-lost", "Made once");

        create(body, "lost-1").then().statusCode(500);
        assertThat(sim().calendar().mailbox(upn).events()).hasSize(1);
        Response retry = create(body, "lost-1");

        retry.then().statusCode(200).body("subject", equalTo("Made once"));
        assertThat(sim().calendar().mailbox(upn).events()).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(retry.jsonPath().getString("graphId")));
        create(body, "lost-1").then().statusCode(200).body("id", equalTo(retry.jsonPath().getString("id")));
    }

    @Test
    void aPatchWithTheChangeKeyChangesTheEventAndAnswersTheNewKey() {
        String upn = calendarAccount("w-patch");
        Response created = create(event("w-patch", "Draft"), "patch-1");
        String id = created.jsonPath().getString("id");

        Response changed = patch(id, created.header("ETag"), Map.of("subject", "Final", "end",
                Map.of("dateTime", DAY + "T11:00:00", "timeZone", "Europe/Amsterdam")));

        changed.then().statusCode(200).body("subject", equalTo("Final"));
        assertThat(changed.header("ETag")).isNotEqualTo(created.header("ETag"));
        assertThat(changed.jsonPath().getString("end.dateTime")).startsWith(DAY + "T10:00:00");
        StoredEvent e = stored(upn, created.jsonPath().getString("graphId"));
        assertThat(e.subject()).isEqualTo("Final");
        assertThat("\"" + e.changeKey() + "\"").isEqualTo(changed.header("ETag"));
        // the answer in the zone the client asks for, as reads give it
        as("writer").contentType("application/json").header("If-Match", changed.header("ETag"))
                .queryParam("timeZone", "Europe/Amsterdam").body(Map.of("location", "Room 5"))
                .patch("/api/events/" + id).then().statusCode(200).body("location", equalTo("Room 5"))
                .body("subject", equalTo("Final")).body("end.dateTime", equalTo(DAY + "T11:00:00"))
                .body("end.timeZone", equalTo("Europe/Amsterdam"));
        patch(id, null, Map.of("subject", "No key")).then().statusCode(428)
                .contentType(containsString("application/problem+json"));
        patch(UUID.randomUUID().toString(), changed.header("ETag"), Map.of("subject", "x")).then().statusCode(404);
    }

    @Test
    void anOutlookChangeMakesAStalePatchA412WithBothVersionsAndNothingOverwritten() {
        String upn = calendarAccount("w-conflict");
        Response created = create(event("w-conflict", "Planning"), "conflict-1");
        String id = created.jsonPath().getString("id");
        String graphId = created.jsonPath().getString("graphId");
        MailboxCalendar cal = sim().calendar().mailbox(upn);
        cal.update(graphId, "{\"subject\":\"Planning (moved by Outlook)\",\"start\":{\"dateTime\":\"" + DAY
                + "T14:00:00\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"" + DAY
                + "T15:00:00\",\"timeZone\":\"UTC\"}}");
        String outlookKey = stored(upn, graphId).changeKey();

        Response stale = patch(id, created.header("ETag"), Map.of("subject", "Planning v2", "start",
                Map.of("dateTime", DAY + "T09:30:00", "timeZone", "Europe/Amsterdam"), "end",
                Map.of("dateTime", DAY + "T10:30:00", "timeZone", "Europe/Amsterdam")));

        stale.then().statusCode(412).contentType(containsString("application/problem+json"))
                .body("errorCode", equalTo("CHANGED_IN_EXCHANGE"))
                .body("yours.subject", equalTo("Planning v2"))
                .body("yours.start.dateTime", equalTo(DAY + "T09:30:00"))
                .body("current.subject", equalTo("Planning (moved by Outlook)"))
                .body("current.start.dateTime", equalTo(DAY + "T15:00:00"))
                .body("current.start.timeZone", equalTo("Europe/Amsterdam"))
                .body("current.end.dateTime", equalTo(DAY + "T16:00:00"))
                .body("current.changeKey", equalTo(outlookKey));
        StoredEvent after = stored(upn, graphId);
        assertThat(after.subject()).isEqualTo("Planning (moved by Outlook)");
        assertThat(after.changeKey()).isEqualTo(outlookKey);
        // with the current key the change goes through
        patch(id, "\"" + outlookKey + "\"", Map.of("subject", "Planning v2")).then().statusCode(200)
                .body("subject", equalTo("Planning v2"));
    }

    @Test
    void cancelSendsTheCommentToTheAttendeesAndTheEventLeavesTheFeed() {
        String upn = calendarAccount("w-cancel");
        String carol = "w-cancel-carol" + DOMAIN;
        sim().tenant(SimulatorResource.TENANT).user(carol);
        Map<String, Object> body = event("w-cancel", "Kick-off");
        body.put("attendees", List.of(Map.of("address", carol)));
        String id = create(body, "cancel-1").then().statusCode(201).extract().path("id");
        String cursor = as("reader").queryParam("mailbox", "w-cancel").get("/api/events").path("nextCursor");

        as("writer").contentType("application/json").body(Map.of("comment", "Postponed to next week.\nSorry!"))
                .post("/api/events/" + id + "/cancel").then().statusCode(204);

        assertThat(sim().calendar().meetingMessages(upn)).filteredOn(m -> "Postponed to next week.\nSorry!".equals(
                m.comment())).singleElement().satisfies(m -> assertThat(m.recipients()).containsExactly(carol));
        JsonPath feed = as("reader").queryParam("mailbox", "w-cancel").queryParam("cursor", cursor)
                .get("/api/events").jsonPath();
        assertThat(feed.getList("items.id")).containsExactly(id);
        assertThat(feed.getBoolean("items[0].deleted")).as("cancel moves the organizer's event away").isTrue();
    }

    @Test
    void onlyTheOrganizerCancels() {
        String organizer = calendarAccount("w-org");
        String attendee = calendarAccount("w-att");
        Map<String, Object> body = event("w-org", "Their meeting");
        body.put("attendees", List.of(Map.of("address", attendee)));
        create(body, "org-1").then().statusCode(201);
        assertThat(sim().calendar().mailbox(attendee).events()).isNotEmpty();
        Api.run("w-att");
        String theirs = as("reader").queryParam("mailbox", "w-att").get("/api/events").jsonPath()
                .getString("items.find { it.subject == 'Their meeting' }.id");

        as("writer").contentType("application/json").body(Map.of("comment", "no"))
                .post("/api/events/" + theirs + "/cancel").then().statusCode(409)
                .body("errorCode", equalTo("NOT_ORGANIZER"));
        assertThat(sim().calendar().meetingMessages(organizer)).noneMatch(m -> "no".equals(m.comment()));
    }

    @Test
    void deleteRemovesTheEventInExchangeAndMarksItDeleted() {
        String upn = calendarAccount("w-delete");
        Response created = create(event("w-delete", "Obsolete"), "delete-1");
        String id = created.jsonPath().getString("id");

        as("writer").header("If-Match", created.header("ETag")).delete("/api/events/" + id).then().statusCode(204);

        assertThat(sim().calendar().mailbox(upn).event(created.jsonPath().getString("graphId"))).isEmpty();
        as("reader").get("/api/events/" + id).then().statusCode(200).body("deleted", equalTo(true));
        as("writer").delete("/api/events/" + id).then().statusCode(204);
        patch(id, created.header("ETag"), Map.of("subject", "x")).then().statusCode(404)
                .body("errorCode", equalTo("EVENT_NOT_FOUND"));
    }

    @Test
    void theErpsEventChangedInOutlookReachesTheClientOnceThroughTheFeed() {
        String upn = calendarAccount("w-roundtrip");
        Response created = create(event("w-roundtrip", "Site visit"), "roundtrip-1");
        String id = created.jsonPath().getString("id");
        JsonPath first = as("reader").queryParam("mailbox", "w-roundtrip").get("/api/events").jsonPath();
        assertThat(first.getList("items.id")).containsExactly(id);
        String cursor = first.getString("nextCursor");

        sim().calendar().mailbox(upn).update(created.jsonPath().getString("graphId"),
                "{\"subject\":\"Site visit (moved)\",\"location\":{\"displayName\":\"Plant 2\"}}");
        JsonPath run = Api.run("w-roundtrip");

        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        JsonPath feed = as("reader").queryParam("mailbox", "w-roundtrip").queryParam("cursor", cursor)
                .get("/api/events").jsonPath();
        assertThat(feed.getList("items.id")).containsExactly(id);
        assertThat(feed.getString("items[0].subject")).isEqualTo("Site visit (moved)");
        assertThat(feed.getString("items[0].location")).isEqualTo("Plant 2");
        Api.run("w-roundtrip");
        assertThat(as("reader").queryParam("mailbox", "w-roundtrip").queryParam("cursor", feed.getString(
                "nextCursor")).get("/api/events").jsonPath().getList("items")).as("seen once").isEmpty();
    }
}
