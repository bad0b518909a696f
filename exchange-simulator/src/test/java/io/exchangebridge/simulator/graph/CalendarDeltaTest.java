package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;

/** calendarView and calendarView/delta over HTTP: windows, paging, rounds, @removed, stale tokens. */
class CalendarDeltaTest extends GraphServerTest {

    private static final String WINDOW = "?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z";
    private static final String DELTA = "/users/" + ALICE + "/calendarView/delta" + WINDOW;

    private MailboxCalendar alice;

    private record Round(List<JsonNode> items, String deltaLink, int pages) {
    }

    @BeforeEach
    void calendarToken() {
        token = server.tokens.app("Calendars.Read");
        alice = server.mail.calendar().mailbox(ALICE);
    }

    private Round round(String url, String... headers) {
        List<JsonNode> items = new ArrayList<>();
        int pages = 0;
        while (true) {
            HttpResponse<String> response = server.get(url, token, headers);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = server.body(response);
            page.get("value").forEach(items::add);
            pages++;
            if (page.hasNonNull("@odata.deltaLink")) {
                assertThat(page.has("@odata.nextLink")).isFalse();
                return new Round(items, page.get("@odata.deltaLink").asText(), pages);
            }
            url = page.get("@odata.nextLink").asText();
            assertThat(url).startsWith(server.graph()).contains("$skiptoken=").doesNotContain("startDateTime");
        }
    }

    private String event(String subject, String day) {
        return alice.create(null, "{\"subject\": \"" + subject + "\", \"start\": {\"dateTime\": \"" + day
                + "T09:00:00\", \"timeZone\": \"UTC\"}, \"end\": {\"dateTime\": \"" + day
                + "T10:00:00\", \"timeZone\": \"UTC\"}}").id();
    }

    @Test
    void calendarViewListsTheWindowOnlyAndPages() {
        event("Before", "2026-11-20");
        event("One", "2026-12-02");
        event("Two", "2026-12-05");
        event("Three", "2026-12-07");
        HttpResponse<String> missing = server.get("/users/" + ALICE + "/calendarView", token);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(server.body(missing).at("/error/code").asText()).isEqualTo("ErrorInvalidParameter");

        JsonNode first = server.body(server.get("/users/" + ALICE + "/calendarView" + WINDOW + "&$top=2", token));
        assertThat(first.get("value")).extracting(e -> e.get("subject").asText()).containsExactly("One", "Two");
        JsonNode second = server.body(server.get(first.get("@odata.nextLink").asText(), token));
        assertThat(second.get("value")).extracting(e -> e.get("subject").asText()).containsExactly("Three");
        assertThat(second.has("@odata.nextLink")).isFalse();
    }

    @Test
    void fullRoundThenOnlyChangesWithRemovals() {
        String one = event("One", "2026-12-02");
        String two = event("Two", "2026-12-05");
        String three = event("Three", "2026-12-07");

        Round initial = round(DELTA, "Prefer", "odata.maxpagesize=2");
        assertThat(initial.pages()).isEqualTo(2);
        assertThat(initial.items()).extracting(e -> e.get("subject").asText()).containsExactlyInAnyOrder("One",
                "Two", "Three");
        assertThat(initial.deltaLink()).startsWith(server.graph()).contains("$deltatoken=")
                .doesNotContain("startDateTime");

        assertThat(round(initial.deltaLink()).items()).isEmpty();

        alice.update(one, "{\"subject\": \"One changed\"}");
        alice.delete(two);
        // moved out of the window: gone from this view too
        alice.update(three, "{\"start\": {\"dateTime\": \"2027-02-01T09:00:00\", \"timeZone\": \"UTC\"},"
                + " \"end\": {\"dateTime\": \"2027-02-01T10:00:00\", \"timeZone\": \"UTC\"}}");
        event("Four", "2026-12-09");

        Round changes = round(initial.deltaLink());
        assertThat(changes.items()).filteredOn(e -> !e.has("@removed")).extracting(e -> e.get("subject").asText())
                .containsExactlyInAnyOrder("One changed", "Four");
        assertThat(changes.items()).filteredOn(e -> e.has("@removed")).allSatisfy(e -> {
            assertThat(e.get("@odata.type").asText()).isEqualTo("#microsoft.graph.event");
            assertThat(e.at("/@removed/reason").asText()).isEqualTo("deleted");
        }).extracting(e -> e.get("id").asText()).containsExactlyInAnyOrder(two, three);
    }

    @Test
    void unknownOrExpiredTokensAnswerSyncStateNotFound() {
        event("One", "2026-12-02");
        Round initial = round(DELTA);
        server.mail.calendar().expireSyncState(ALICE);
        HttpResponse<String> expired = server.get(initial.deltaLink(), token);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(server.body(expired).at("/error/code").asText()).isEqualTo("SyncStateNotFound");
        HttpResponse<String> unknown = server.get("/users/" + ALICE + "/calendarView/delta?$deltatoken=nope", token);
        assertThat(unknown.statusCode()).isEqualTo(410);
        // a fresh round with the window works again
        assertThat(round(DELTA).items()).hasSize(1);
    }

    @Test
    void aTokenOfAnotherCalendarIsNotAccepted() {
        String projects = alice.createCalendar("Projects");
        Round primary = round(DELTA);
        String other = primary.deltaLink().replace("/calendarView/delta", "/calendars/" + projects
                + "/calendarView/delta");
        assertThat(server.get(other, token).statusCode()).isEqualTo(410);
    }
}
