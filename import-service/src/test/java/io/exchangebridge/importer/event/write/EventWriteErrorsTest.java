package io.exchangebridge.importer.event.write;

import static io.exchangebridge.importer.event.write.EventWriteResourceTest.CALENDAR_APP;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.DOMAIN;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.account;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.create;
import static io.exchangebridge.importer.event.write.EventWriteResourceTest.event;
import static io.exchangebridge.importer.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Refused event writes, each a problem+json with its errorCode and nothing written to Exchange: an app without
 * Calendars.ReadWrite, a calendar the mailbox does not have, an account without calendar sync, a mailbox not enabled
 * for REST, Graph throttling (503 with Graph's Retry-After, no early retry), unknown accounts, and the roles.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class EventWriteErrorsTest {

    /** A credential whose app may read calendars but not write them. */
    static final String READ_ONLY_APP = "calendar-read-only";

    static ExchangeSimulator sim() {
        return SimulatorResource.sim();
    }

    @BeforeAll
    static void apps() {
        EventWriteResourceTest.calendarApp();
        AppRegistration readOnly = sim().tenant(SimulatorResource.TENANT).app("44444444-2222-3333-4444-555555555555")
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Calendars.Read");
        SimulatorResource.credentials().credential(READ_ONLY_APP, readOnly);
    }

    @Test
    void anAppWithoutCalendarsReadWriteIsAccessDenied() {
        String upn = account("e-denied", READ_ONLY_APP, Map.of());

        create(event("e-denied", "Denied"), "denied-1").then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("errorCode", equalTo("ACCESS_DENIED")).body("graphCode", equalTo("ErrorAccessDenied"))
                .body("detail", containsString("Calendars.ReadWrite")).body("detail", containsString(upn));

        assertThat(sim().calendar().mailbox(upn).events()).isEmpty();
    }

    @Test
    void aNamedCalendarTakesTheEventAndAMissingOneIsNamed() {
        String upn = account("e-named", CALENDAR_APP, Map.of("name", "Projects"));
        String projects = sim().calendar().mailbox(upn).createCalendar("Projects");
        String graphId = create(event("e-named", "In Projects"), "named-1").then().statusCode(201).extract()
                .path("graphId");
        assertThat(sim().calendar().mailbox(upn).event(graphId).orElseThrow().calendarId()).isEqualTo(projects);

        account("e-nocal", CALENDAR_APP, Map.of("name", "Nonexistent"));
        create(event("e-nocal", "Lost"), "nocal-1").then().statusCode(404)
                .body("errorCode", equalTo("CALENDAR_NOT_FOUND")).body("calendar", equalTo("Nonexistent"))
                .body("detail", containsString("Nonexistent"));
        // nothing was made, so the key is free for the request the client fixes
        assertThat(sim().calendar().mailbox("e-nocal" + DOMAIN).events()).isEmpty();
    }

    @Test
    void anAccountWithoutCalendarSyncHasNoCalendarToWriteTo() {
        account("e-mailonly", CALENDAR_APP, null);
        create(event("e-mailonly", "Nowhere"), "mailonly-1").then().statusCode(409)
                .body("errorCode", equalTo("CALENDAR_SYNC_OFF")).body("detail", containsString("e-mailonly"));
    }

    @Test
    void aMailboxNotEnabledForRestIsNamed() {
        String upn = account("e-norest", CALENDAR_APP, Map.of());
        sim().mail().faults().restEnabled(upn, false);
        try {
            create(event("e-norest", "No REST"), "norest-1").then().statusCode(409)
                    .body("errorCode", equalTo("MAILBOX_NOT_ENABLED_FOR_REST"));
        } finally {
            sim().mail().faults().restEnabled(upn, true);
        }
    }

    @Test
    void throttlingIsA503WithGraphsRetryAfterAndNoEarlyRetry() {
        String upn = account("e-throttled", CALENDAR_APP, Map.of());
        long early = sim().requestLog().earlyRetries();
        sim().mail().faults().throttleNext(upn, 1, RetryAfter.seconds(30));

        create(event("e-throttled", "Later"), "throttled-1").then().statusCode(503)
                .contentType(containsString("application/problem+json")).header("Retry-After", "30")
                .body("errorCode", equalTo("GRAPH_UNAVAILABLE"));

        assertThat(sim().mail().faults().pending(upn)).isZero();
        assertThat(sim().calendar().mailbox(upn).events()).isEmpty();
        assertThat(sim().requestLog().earlyRetries()).as("no request before a Retry-After passed").isEqualTo(early);
        // a short Retry-After is waited out, and the same key then makes the event
        sim().mail().faults().throttleNext(upn, 1, RetryAfter.seconds(1));
        create(event("e-throttled", "Later"), "throttled-1").then().statusCode(201);
        assertThat(sim().calendar().mailbox(upn).events()).hasSize(1);
    }

    @Test
    void unknownAccountsAndEventsAreNotFoundAndTheRequestIsChecked() {
        create(event("e-nobody", "x"), "nobody-1").then().statusCode(404)
                .body("detail", equalTo("No mailbox account 'e-nobody'."));
        as("writer").contentType("application/json").body(Map.of("comment", "x"))
                .post("/api/events/00000000-0000-0000-0000-000000000000/cancel").then().statusCode(404)
                .body("errorCode", equalTo("EVENT_NOT_FOUND"));
        Map<String, Object> bad = event("e-nobody", "x");
        bad.put("end", Map.of("dateTime", "2026-01-01T00:00:00", "timeZone", "UTC"));
        create(bad, "bad-1").then().statusCode(400).body("field", equalTo("end"));
        String upn = account("e-zone", CALENDAR_APP, Map.of());
        as("writer").contentType("application/json").header("Idempotency-Key", "zone-1")
                .queryParam("timeZone", "Mars/Olympus").body(event("e-zone", "x")).post("/api/events").then()
                .statusCode(400).body("field", equalTo("timeZone"));
        assertThat(sim().calendar().mailbox(upn).events()).isEmpty();
        as("writer").contentType("application/json").header("Idempotency-Key", "bad-2")
                .body("{\"mailbox\":\"e-nobody\",\"subject\":\"x\",\"color\":\"red\"}").post("/api/events").then()
                .statusCode(400);
    }

    @Test
    void onlyWritersWrite() {
        account("e-roles", CALENDAR_APP, Map.of());
        for (String user : List.of("reader", "trigger", "admin")) {
            as(user).contentType("application/json").header("Idempotency-Key", "roles-1")
                    .body(event("e-roles", "x")).post("/api/events").then().statusCode(403);
        }
        given().contentType("application/json").body(event("e-roles", "x")).post("/api/events").then()
                .statusCode(401);
        assertThat(sim().calendar().mailbox("e-roles" + DOMAIN).events()).isEmpty();
    }
}
