package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.calendar.StoredEvent;

/** Calendars and single events over HTTP: CRUD, change keys and If-Match, transactionId, extended properties. */
class CalendarEventsTest extends GraphServerTest {

    private static final String EVENTS = "/users/" + ALICE + "/events";
    static final String MEETING = """
            {"subject": "Planning", "body": {"contentType": "html", "content": "<p>Agenda &amp; notes</p>"},
             "start": {"dateTime": "2026-12-03T09:00:00", "timeZone": "W. Europe Standard Time"},
             "end": {"dateTime": "2026-12-03T10:00:00", "timeZone": "W. Europe Standard Time"},
             "location": {"displayName": "Room 1"}, "categories": ["ERP"], "showAs": "busy"}""";

    @BeforeEach
    void calendarToken() {
        token = server.tokens.app("Calendars.ReadWrite");
    }

    @Test
    void createGetPatchDelete() {
        HttpResponse<String> created = server.post(EVENTS, token, MEETING);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode event = server.body(created);
        String id = event.get("id").asText();
        assertThat(event.get("subject").asText()).isEqualTo("Planning");
        assertThat(event.get("type").asText()).isEqualTo("singleInstance");
        assertThat(event.get("isOrganizer").asBoolean()).isTrue();
        assertThat(event.at("/organizer/emailAddress/address").asText()).isEqualTo(ALICE);
        // 09:00 in Amsterdam in December is 08:00 UTC, and UTC is the default zone of returned times
        assertThat(event.at("/start/dateTime").asText()).isEqualTo("2026-12-03T08:00:00.0000000");
        assertThat(event.at("/start/timeZone").asText()).isEqualTo("UTC");
        assertThat(event.get("originalStartTimeZone").asText()).isEqualTo("W. Europe Standard Time");
        assertThat(event.get("bodyPreview").asText()).isEqualTo("Agenda &amp; notes");
        assertThat(event.get("@odata.etag").asText()).isEqualTo("W/\"" + event.get("changeKey").asText() + "\"");
        assertThat(event.at("/location/displayName").asText()).isEqualTo("Room 1");
        assertThat(event.get("iCalUId").asText()).startsWith("040000008200E00074C5B7101A82E008");

        JsonNode got = server.body(server.get(EVENTS + "/" + id, token));
        assertThat(got.get("changeKey").asText()).isEqualTo(event.get("changeKey").asText());

        HttpResponse<String> patched = server.patch(EVENTS + "/" + id, token, "{\"subject\": \"Planning v2\"}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(server.body(patched).get("subject").asText()).isEqualTo("Planning v2");
        assertThat(server.body(patched).get("changeKey").asText()).isNotEqualTo(event.get("changeKey").asText());
        assertThat(server.body(patched).at("/location/displayName").asText()).isEqualTo("Room 1");

        JsonNode list = server.body(server.get(EVENTS, token));
        assertThat(list.get("value")).extracting(e -> e.get("id").asText()).containsExactly(id);

        assertThat(server.delete(EVENTS + "/" + id, token).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = server.get(EVENTS + "/" + id, token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(server.body(gone).at("/error/code").asText()).isEqualTo("ErrorItemNotFound");
        assertThat(server.get(EVENTS + "/not-an-id", token).statusCode()).isEqualTo(400);
    }

    @Test
    void ifMatchWithAStaleChangeKeyIsRefusedWith412AndChangesNothing() {
        JsonNode event = server.body(server.post(EVENTS, token, MEETING));
        String id = event.get("id").asText();
        String etag = event.get("@odata.etag").asText();
        // Outlook changes the meeting meanwhile
        StoredEvent outlook = server.mail.calendar().mailbox(ALICE).update(id, "{\"subject\": \"Moved by Alice\"}");
        assertThat(outlook.changeKey()).isNotEqualTo(event.get("changeKey").asText());

        HttpResponse<String> stale = server.send(server.request(EVENTS + "/" + id, token)
                .header("Content-Type", "application/json").header("If-Match", etag)
                .method("PATCH", BodyPublishers.ofString("{\"subject\": \"Overwrite\"}")).build());
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(server.body(stale).at("/error/code").asText()).isEqualTo("ErrorIrresolvableConflict");
        assertThat(server.mail.calendar().mailbox(ALICE).event(id).orElseThrow().subject())
                .isEqualTo("Moved by Alice");

        HttpResponse<String> staleDelete = server.send(server.request(EVENTS + "/" + id, token)
                .header("If-Match", etag).DELETE().build());
        assertThat(staleDelete.statusCode()).isEqualTo(412);

        HttpResponse<String> current = server.send(server.request(EVENTS + "/" + id, token)
                .header("Content-Type", "application/json").header("If-Match", "W/\"" + outlook.changeKey() + "\"")
                .method("PATCH", BodyPublishers.ofString("{\"subject\": \"Agreed\"}")).build());
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(server.body(current).get("subject").asText()).isEqualTo("Agreed");
    }

    @Test
    void aRepeatedTransactionIdCreatesNothingAndAnswersTheFirstEvent() {
        String body = MEETING.replace("{\"subject\"", "{\"transactionId\": \"erp-42-create\", \"subject\"");
        JsonNode first = server.body(server.post(EVENTS, token, body));
        HttpResponse<String> again = server.post(EVENTS, token, body.replace("Planning", "Planning retried"));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(server.body(again).get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(server.body(again).get("subject").asText()).isEqualTo("Planning");
        assertThat(first.get("transactionId").asText()).isEqualTo("erp-42-create");
        assertThat(server.mail.calendar().mailbox(ALICE).events()).hasSize(1);
        // another mailbox has transactions of its own
        assertThat(server.post("/users/" + BOB + "/events", token, body).statusCode()).isEqualTo(201);
        assertThat(server.mail.calendar().mailbox(BOB).events()).hasSize(1);
    }

    @Test
    void extendedPropertiesAreReturnedOnlyWhenExpanded() {
        String property = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ClientId";
        String body = MEETING.replace("{\"subject\"", "{\"singleValueExtendedProperties\": [{\"id\": \"" + property
                + "\", \"value\": \"ERP-42\"}], \"subject\"");
        String id = server.body(server.post(EVENTS, token, body)).get("id").asText();
        assertThat(server.body(server.get(EVENTS + "/" + id, token)).has("singleValueExtendedProperties")).isFalse();

        String expand = "?$expand=" + URLEncoder.encode("singleValueExtendedProperties($filter=id eq '" + property
                + "')", StandardCharsets.UTF_8);
        JsonNode expanded = server.body(server.get(EVENTS + "/" + id + expand, token));
        assertThat(expanded.at("/singleValueExtendedProperties/0/value").asText()).isEqualTo("ERP-42");
        assertThat(server.mail.calendar().mailbox(ALICE).event(id).orElseThrow().extendedProperty(property))
                .contains("ERP-42");
        // the documented way to find an event by an extended property
        String filter = "?$filter=" + URLEncoder.encode("singleValueExtendedProperties/Any(ep: ep/id eq '" + property
                + "' and ep/value eq 'ERP-42')", StandardCharsets.UTF_8);
        assertThat(server.body(server.get(EVENTS + filter, token)).get("value")).extracting(e -> e.get("id")
                .asText()).containsExactly(id);
        assertThat(server.body(server.get(EVENTS + filter.replace("ERP-42", "ERP-43"), token)).get("value"))
                .isEmpty();
    }

    @Test
    void calendarsPrimaryAndNamed() {
        JsonNode primary = server.body(server.get("/users/" + ALICE + "/calendar", token));
        assertThat(primary.get("name").asText()).isEqualTo("Calendar");
        assertThat(primary.get("isDefaultCalendar").asBoolean()).isTrue();

        HttpResponse<String> created = server.post("/users/" + ALICE + "/calendars", token, "{\"name\":\"Projects\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String projects = server.body(created).get("id").asText();
        assertThat(server.post("/users/" + ALICE + "/calendars", token, "{\"name\":\"projects\"}").statusCode())
                .isEqualTo(409);
        JsonNode list = server.body(server.get("/users/" + ALICE + "/calendars", token));
        assertThat(list.get("value")).extracting(c -> c.get("name").asText()).containsExactly("Calendar",
                "Projects");

        String id = server.body(server.post("/users/" + ALICE + "/calendars/" + projects + "/events", token, MEETING))
                .get("id").asText();
        assertThat(server.body(server.get("/users/" + ALICE + "/calendars/" + projects + "/events", token))
                .get("value")).extracting(e -> e.get("id").asText()).containsExactly(id);
        assertThat(server.body(server.get(EVENTS, token)).get("value")).isEmpty();
        assertThat(server.get("/users/" + ALICE + "/calendars/" + projects + "/events/" + id, token).statusCode())
                .isEqualTo(200);
        // Graph's paths take calendar ids; a display name is no id
        assertThat(server.get("/users/" + ALICE + "/calendars/Projects", token).statusCode()).isEqualTo(400);
    }

    @Test
    void preferOutlookTimezoneConvertsReturnedTimes() {
        String id = server.body(server.post(EVENTS, token, MEETING)).get("id").asText();
        HttpResponse<String> pacific = server.get(EVENTS + "/" + id, token, "Prefer",
                "outlook.timezone=\"Pacific Standard Time\"");
        assertThat(server.body(pacific).at("/start/dateTime").asText()).isEqualTo("2026-12-03T00:00:00.0000000");
        assertThat(server.body(pacific).at("/start/timeZone").asText()).isEqualTo("Pacific Standard Time");
        assertThat(pacific.headers().firstValue("Preference-Applied")).contains(
                "outlook.timezone=\"Pacific Standard Time\"");
        HttpResponse<String> amsterdam = server.get(EVENTS + "/" + id, token, "Prefer",
                "outlook.timezone=\"Europe/Amsterdam\", IdType=\"ImmutableId\"");
        assertThat(server.body(amsterdam).at("/end/dateTime").asText()).isEqualTo("2026-12-03T10:00:00.0000000");
        assertThat(amsterdam.headers().firstValue("Preference-Applied")).contains(
                "outlook.timezone=\"Europe/Amsterdam\",IdType=\"ImmutableId\"");
        JsonNode unknown = server.body(server.get(EVENTS + "/" + id, token, "Prefer",
                "outlook.timezone=\"Atlantis\""));
        assertThat(unknown.at("/start/timeZone").asText()).isEqualTo("UTC");
    }

    @Test
    void selectAndFilterOnListsAndUnsimulatedFiltersAreRefused() {
        server.post(EVENTS, token, MEETING);
        JsonNode selected = server.body(server.get(EVENTS + "?$select=subject,start", token)).get("value").get(0);
        assertThat(selected.has("subject")).isTrue();
        assertThat(selected.has("id")).isTrue();
        assertThat(selected.has("@odata.etag")).isTrue();
        assertThat(selected.has("location")).isFalse();
        assertThat(server.body(server.get(EVENTS + "?$filter=subject%20eq%20'Planning'", token)).get("value"))
                .hasSize(1);
        assertThat(server.body(server.get(EVENTS + "?$filter=subject%20eq%20'Other'", token)).get("value")).isEmpty();
        HttpResponse<String> unsimulated = server.get(EVENTS + "?$filter=start/dateTime%20ge%20'2026-12-01'", token);
        assertThat(unsimulated.statusCode()).isEqualTo(400);
        assertThat(server.body(unsimulated).at("/error/message").asText()).contains("simulator");
        assertThat(server.get(EVENTS + "?$orderby=start/dateTime", token).statusCode()).isEqualTo(200);
    }

    @Test
    void badBodiesAreRefusedInGraphsShape() {
        HttpResponse<String> noStart = server.post(EVENTS, token, "{\"subject\": \"x\"}");
        assertThat(noStart.statusCode()).isEqualTo(400);
        HttpResponse<String> zone = server.post(EVENTS, token, MEETING.replace("W. Europe Standard Time",
                "Middle Earth Time"));
        assertThat(zone.statusCode()).isEqualTo(400);
        assertThat(server.body(zone).at("/error/code").asText()).isEqualTo("TimeZoneNotSupportedException");
    }
}
