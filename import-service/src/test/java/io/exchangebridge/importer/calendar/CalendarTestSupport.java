package io.exchangebridge.importer.calendar;

import static io.exchangebridge.importer.testing.Api.as;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.restassured.path.json.JsonPath;

/** Calendar accounts, Outlook-side events in the simulator, and the event API, for the calendar tests. */
final class CalendarTestSupport {

    private CalendarTestSupport() {
    }

    static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    /** A simulated user's calendar. */
    static MailboxCalendar calendar(String upn) {
        sim().tenant(SimulatorResource.TENANT).user(upn);
        return sim().calendar().mailbox(upn);
    }

    /** A calendar-only account body (no mail) of the primary calendar, window {@code daysBack}/{@code daysAhead}. */
    static Map<String, Object> account(String id, String upn, Integer daysBack, Integer daysAhead) {
        Map<String, Object> calendar = new HashMap<>();
        calendar.put("daysBack", daysBack);
        calendar.put("daysAhead", daysAhead);
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("mailbox", upn);
        body.put("credentialId", SimulatorResource.CREDENTIAL);
        body.put("importMail", false);
        body.put("calendar", calendar);
        return body;
    }

    /** The simulator's today (UTC), which the importer's window follows. */
    static LocalDate today() {
        return LocalDate.ofInstant(sim().clock().instant(), ZoneOffset.UTC);
    }

    /** Graph event JSON of a one-hour meeting at 09:00 UTC on {@code day}. */
    static String meeting(String subject, LocalDate day) {
        return """
                {"subject":"%s","start":{"dateTime":"%sT09:00:00","timeZone":"UTC"},
                 "end":{"dateTime":"%sT10:00:00","timeZone":"UTC"},"location":{"displayName":"Room 1"},
                 "showAs":"busy","categories":["ERP"],
                 "attendees":[{"type":"required","emailAddress":{"name":"Bob","address":"bob@example.com"}}]}
                """.formatted(subject, day, day);
    }

    /** The event list or change feed of one account ({@code cursor} null: current events). */
    static JsonPath events(String mailbox, String cursor) {
        var request = as("reader").queryParam("mailbox", mailbox).queryParam("limit", 1000);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/events").then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> items(JsonPath page) {
        return page.getList("items");
    }
}
