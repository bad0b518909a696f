package io.exchangebridge.simulator.graph;

import static io.exchangebridge.simulator.graph.GraphServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Recurring series over HTTP: calendarView and instances expand them, delta reports exceptions and deletions. */
class CalendarSeriesTest extends GraphServerTest {

    private static final String USER = "/users/" + ALICE;
    private static final String WINDOW = "?startDateTime=2026-12-01T00:00:00Z&endDateTime=2027-01-01T00:00:00Z";
    private static final String WEEKLY = """
            {"subject": "Standup", "start": {"dateTime": "2026-12-07T09:00:00", "timeZone": "UTC"},
             "end": {"dateTime": "2026-12-07T09:15:00", "timeZone": "UTC"},
             "attendees": [{"emailAddress": {"address": "carol@fabrikam.test", "name": "Carol"}, "type": "required"}],
             "recurrence": {"pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"]},
                            "range": {"type": "numbered", "startDate": "2026-12-07", "numberOfOccurrences": 4}}}""";

    private String master;

    @BeforeEach
    void seriesAndToken() {
        token = server.tokens.app("Calendars.ReadWrite");
        JsonNode created = server.body(server.post(USER + "/events", token, WEEKLY));
        assertThat(created.get("type").asText()).isEqualTo("seriesMaster");
        assertThat(created.at("/recurrence/pattern/type").asText()).isEqualTo("weekly");
        master = created.get("id").asText();
    }

    private List<JsonNode> view() {
        List<JsonNode> items = new ArrayList<>();
        server.body(server.get(USER + "/calendarView" + WINDOW + "&$top=50", token)).get("value").forEach(items::add);
        return items;
    }

    private JsonNode delta(String url) {
        JsonNode page = server.body(server.get(url, token));
        assertThat(page.has("@odata.deltaLink")).as(page.toString()).isTrue();
        return page;
    }

    @Test
    void calendarViewAndInstancesExpandTheSeriesWithoutItsMaster() {
        List<JsonNode> view = view();
        assertThat(view).hasSize(4).allSatisfy(o -> {
            assertThat(o.get("type").asText()).isEqualTo("occurrence");
            assertThat(o.get("seriesMasterId").asText()).isEqualTo(master);
            assertThat(o.get("recurrence").isNull()).isTrue();
        });
        assertThat(view).extracting(o -> o.at("/start/dateTime").asText()).containsExactly(
                "2026-12-07T09:00:00.0000000", "2026-12-14T09:00:00.0000000", "2026-12-21T09:00:00.0000000",
                "2026-12-28T09:00:00.0000000");
        JsonNode instances = server.body(server.get(USER + "/events/" + master + "/instances"
                + "?startDateTime=2026-12-10T00:00:00Z&endDateTime=2026-12-24T00:00:00Z", token));
        assertThat(instances.get("value")).extracting(o -> o.get("id").asText()).containsExactly(
                view.get(1).get("id").asText(), view.get(2).get("id").asText());
        assertThat(server.body(server.get(USER + "/events", token)).get("value")).extracting(e -> e.get("id")
                .asText()).containsExactly(master);
    }

    @Test
    void deltaReportsAnExceptionAndADeletedOccurrenceOnly() {
        JsonNode first = delta(USER + "/calendarView/delta" + WINDOW);
        assertThat(first.get("value")).hasSize(4);
        List<JsonNode> view = view();
        String second = view.get(1).get("id").asText();
        String third = view.get(2).get("id").asText();

        JsonNode exception = server.body(server.patch(USER + "/events/" + second, token,
                "{\"subject\": \"Standup (moved)\"}"));
        assertThat(exception.get("type").asText()).isEqualTo("exception");
        assertThat(server.delete(USER + "/events/" + third, token).statusCode()).isEqualTo(204);

        JsonNode changes = delta(first.get("@odata.deltaLink").asText());
        assertThat(changes.get("value")).hasSize(2);
        assertThat(changes.get("value")).filteredOn(e -> !e.has("@removed")).singleElement().satisfies(e -> {
            assertThat(e.get("id").asText()).isEqualTo(second);
            assertThat(e.get("type").asText()).isEqualTo("exception");
            assertThat(e.get("subject").asText()).isEqualTo("Standup (moved)");
        });
        assertThat(changes.get("value")).filteredOn(e -> e.has("@removed")).extracting(e -> e.get("id").asText())
                .containsExactly(third);

        // a change of the whole series changes every remaining plain occurrence
        server.patch(USER + "/events/" + master, token, "{\"subject\": \"Daily sync\"}");
        JsonNode seriesChange = delta(changes.get("@odata.deltaLink").asText());
        assertThat(seriesChange.get("value")).extracting(e -> e.get("subject").asText()).containsExactlyInAnyOrder(
                "Daily sync", "Daily sync");
    }

    @Test
    void deletingTheMasterRemovesTheSeries() {
        JsonNode first = delta(USER + "/calendarView/delta" + WINDOW);
        assertThat(server.delete(USER + "/events/" + master, token).statusCode()).isEqualTo(204);
        assertThat(view()).isEmpty();
        JsonNode changes = delta(first.get("@odata.deltaLink").asText());
        assertThat(changes.get("value")).hasSize(4).allSatisfy(e -> assertThat(e.has("@removed")).isTrue());
    }
}
