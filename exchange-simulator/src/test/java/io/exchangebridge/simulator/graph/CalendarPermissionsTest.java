package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static io.exchangebridge.simulator.graph.GraphServer.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.log.RequestRecord;

/** Calendar calls need calendar permissions and pass through the mail API's faults, throttling and log. */
class CalendarPermissionsTest extends GraphServerTest {

    private static final String EVENTS = "/users/" + ALICE + "/events";

    @Test
    void mailPermissionsDoNotReachTheCalendar() {
        HttpResponse<String> denied = server.get(EVENTS, server.tokens.app("Mail.ReadWrite"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(server.body(denied).at("/error/code").asText()).isEqualTo("ErrorAccessDenied");
    }

    @Test
    void readPermissionReadsButDoesNotWrite() {
        String read = server.tokens.app("Calendars.Read");
        assertThat(server.get(EVENTS, read).statusCode()).isEqualTo(200);
        assertThat(server.post(EVENTS, read, CalendarEventsTest.MEETING).statusCode()).isEqualTo(403);
        assertThat(server.post(EVENTS, server.tokens.app("Calendars.ReadWrite"), CalendarEventsTest.MEETING)
                .statusCode()).isEqualTo(201);
    }

    @Test
    void delegatedTokensReachOnlyTheirOwnCalendar() {
        String alice = server.tokens.delegated(ALICE, "Calendars.ReadWrite");
        assertThat(server.get("/me/events", alice).statusCode()).isEqualTo(200);
        assertThat(server.post("/me/events", alice, CalendarEventsTest.MEETING).statusCode()).isEqualTo(201);
        assertThat(server.get("/users/" + BOB + "/events", alice).statusCode()).isEqualTo(403);
        assertThat(server.mail.calendar().mailbox(ALICE).events()).hasSize(1);
    }

    @Test
    void unlicensedMailboxesThrottlingAndTheLogApplyAsForMail() {
        String token = server.tokens.app("Calendars.ReadWrite");
        server.mail.faults().restEnabled(ALICE, false);
        HttpResponse<String> disabled = server.get(EVENTS, token);
        assertThat(disabled.statusCode()).isEqualTo(404);
        assertThat(server.body(disabled).at("/error/code").asText()).isEqualTo("MailboxNotEnabledForRESTAPI");
        server.mail.faults().restEnabled(ALICE, true);

        server.mail.faults().throttleNext(ALICE, 1, RetryAfter.parse("seconds:3"));
        HttpResponse<String> throttled = server.get(EVENTS, token);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("3");

        assertThat(server.log.records()).extracting(RequestRecord::endpoint).contains("events.list");
    }

    @Test
    void calendarRequestsRunInsideABatch() {
        String token = server.tokens.app("Calendars.ReadWrite");
        String body = """
                {"requests":[
                 {"id":"1","method":"POST","url":"/users/%1$s/events","body":%2$s,
                  "headers":{"Content-Type":"application/json"}},
                 {"id":"2","method":"GET","url":"/users/%1$s/events","dependsOn":["1"]}
                ]}""".formatted(ALICE, CalendarEventsTest.MEETING);
        HttpResponse<String> response = server.post("/$batch", token, body);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode responses = server.body(response).get("responses");
        assertThat(responses).extracting(r -> r.get("status").asInt()).containsExactlyInAnyOrder(201, 200);
        assertThat(server.mail.calendar().mailbox(ALICE).events()).hasSize(1);
        assertThat(server.log.count("graph", "events.create")).isEqualTo(1);
    }
}
