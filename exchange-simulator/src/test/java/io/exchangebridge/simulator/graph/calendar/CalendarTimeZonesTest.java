package io.exchangebridge.simulator.graph.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.directory.SimulatedDirectory;

/** Graph's time zone names, window bounds and how all-day events are shown in another zone. */
class CalendarTimeZonesTest {

    @Test
    void windowsAndIanaNamesResolve() {
        assertThat(TimeZones.zone("W. Europe Standard Time")).contains(ZoneId.of("Europe/Berlin"));
        assertThat(TimeZones.zone("pacific standard time")).contains(ZoneId.of("America/Los_Angeles"));
        assertThat(TimeZones.zone("Europe/Amsterdam")).contains(ZoneId.of("Europe/Amsterdam"));
        assertThat(TimeZones.zone("UTC")).contains(ZoneOffset.UTC);
        assertThat(TimeZones.zone("Middle Earth Time")).isEmpty();
        assertThat(TimeZones.zone(" ")).isEmpty();
    }

    @Test
    void windowBoundsWithoutAnOffsetAreUtc() {
        assertThat(TimeZones.windowBound("2026-12-01T00:00:00")).contains(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(TimeZones.windowBound("2026-12-01T00:00:00-08:00")).contains(Instant.parse(
                "2026-12-01T08:00:00Z"));
        assertThat(TimeZones.windowBound("2026-12-01T00:00:00.0000000")).contains(Instant.parse(
                "2026-12-01T00:00:00Z"));
        assertThat(TimeZones.windowBound("tomorrow")).isEmpty();
    }

    @Test
    void anAllDayEventKeepsItsDatesInEveryZone() {
        GraphCalendar calendar = new GraphCalendar(new SimulatedDirectory(), Clock.systemUTC());
        StoredEvent holiday = calendar.mailbox("alice@contoso.test").create(null, """
                {"subject": "Day off", "isAllDay": true,
                 "start": {"dateTime": "2026-12-24T00:00:00", "timeZone": "W. Europe Standard Time"},
                 "end": {"dateTime": "2026-12-25T00:00:00", "timeZone": "W. Europe Standard Time"}}""");
        TimeZonePreference tokyo = new TimeZonePreference(ZoneId.of("Asia/Tokyo"), "Tokyo Standard Time", true);
        ObjectNode json = EventJson.of(holiday, "alice@contoso.test", tokyo, null);
        assertThat(json.at("/start/dateTime").asText()).isEqualTo("2026-12-24T00:00:00.0000000");
        assertThat(json.at("/end/dateTime").asText()).isEqualTo("2026-12-25T00:00:00.0000000");
        assertThat(json.at("/start/timeZone").asText()).isEqualTo("Tokyo Standard Time");
        assertThat(json.get("isAllDay").asBoolean()).isTrue();
        assertThat(holiday.start()).isEqualTo(Instant.parse("2026-12-23T23:00:00Z"));
    }
}
