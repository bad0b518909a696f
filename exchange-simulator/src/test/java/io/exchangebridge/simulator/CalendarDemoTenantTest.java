package io.exchangebridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;

/** The demo tenant's calendar seeds and the demo app's Calendars.ReadWrite. */
class CalendarDemoTenantTest {

    @Test
    void aliceHasAMeetingASeriesWithAnExceptionAndADeletedOccurrenceAndAnAllDayEvent() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.builder().seed(DemoTenant::seed).start()) {
            LocalDate today = LocalDate.of(2026, 12, 2);
            DemoTenant.seedCalendar(sim.calendar(), today);

            List<StoredEvent> view = sim.calendar().mailbox(DemoTenant.ALICE).calendarView(null,
                    Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z"));
            assertThat(view).filteredOn(e -> e.type().equals("singleInstance")).extracting(StoredEvent::subject)
                    .containsExactlyInAnyOrder(DemoCalendar.MEETING, DemoCalendar.ALL_DAY);
            assertThat(view).filteredOn(e -> e.seriesMasterId().isPresent()).hasSize(11)
                    .filteredOn(e -> e.type().equals("exception")).singleElement()
                    .satisfies(e -> assertThat(e.start()).isEqualTo(Instant.parse("2026-12-14T10:00:00Z")));
            assertThat(view).filteredOn(StoredEvent::isAllDay).singleElement().satisfies(e -> assertThat(e.start())
                    .isEqualTo(LocalDate.of(2026, 12, 9).atStartOfDay(ZoneOffset.ofHours(1)).toInstant()));
            assertThat(sim.calendar().mailbox(DemoTenant.BOB).events()).extracting(StoredEvent::subject)
                    .containsExactly(DemoCalendar.MEETING);

            String token = sim.tokens().applicationToken(sim.tenant(DemoTenant.DOMAIN).findApp(
                    DemoTenant.CLIENT_ID).orElseThrow(), Resources.GRAPH);
            HttpClient https = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
            var response = https.send(HttpRequest.newBuilder(URI.create(sim.graphBaseUrl() + "/users/"
                    + DemoTenant.ALICE + "/calendarView?startDateTime=2026-12-03T00:00:00Z"
                    + "&endDateTime=2026-12-04T00:00:00Z")).header("Authorization", "Bearer " + token).build(),
                    BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode meeting = new ObjectMapper().readTree(response.body()).get("value").get(0);
            assertThat(meeting.get("subject").asText()).isEqualTo(DemoCalendar.MEETING);
            assertThat(meeting.at("/onlineMeeting/joinUrl").asText()).startsWith("https://teams.microsoft.com/");
        }
    }
}
