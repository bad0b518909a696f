package io.exchangebridge.simulator.graph.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.directory.SimulatedDirectory;

/** Expansion of Graph's recurrence patterns, exceptions and deleted occurrences, through the Java API. */
class CalendarRecurrenceTest {

    private static final String ALICE = "alice@contoso.test";

    private final SimulatedDirectory directory = new SimulatedDirectory();
    private final GraphCalendar calendar = new GraphCalendar(directory, Clock.fixed(Instant.parse(
            "2026-11-01T00:00:00Z"), ZoneOffset.UTC));
    private final MailboxCalendar alice = calendar.mailbox(ALICE);

    private StoredEvent series(String start, String end, String zone, String pattern, String range) {
        return alice.create(null, """
                {"subject": "Series", "start": {"dateTime": "%s", "timeZone": "%s"},
                 "end": {"dateTime": "%s", "timeZone": "%s"},
                 "recurrence": {"pattern": %s, "range": %s}}""".formatted(start, zone, end, zone, pattern, range));
    }

    private List<Instant> starts(String from, String to) {
        return alice.calendarView(null, Instant.parse(from), Instant.parse(to)).stream().map(StoredEvent::start)
                .toList();
    }

    @Test
    void weeklyKeepsTheWallClockTimeAcrossDaylightSaving() {
        StoredEvent master = series("2027-03-22T09:00:00", "2027-03-22T09:30:00", "W. Europe Standard Time",
                "{\"type\": \"weekly\", \"interval\": 1, \"daysOfWeek\": [\"monday\", \"wednesday\"]}",
                "{\"type\": \"noEnd\", \"startDate\": \"2027-03-22\"}");
        assertThat(master.type()).isEqualTo("seriesMaster");
        // Europe/Berlin leaves winter time on 28 March 2027: 09:00 is 08:00Z before and 07:00Z after
        assertThat(starts("2027-03-20T00:00:00Z", "2027-04-01T00:00:00Z")).containsExactly(
                Instant.parse("2027-03-22T08:00:00Z"), Instant.parse("2027-03-24T08:00:00Z"),
                Instant.parse("2027-03-29T07:00:00Z"), Instant.parse("2027-03-31T07:00:00Z"));
        assertThat(
                alice.calendarView(null, Instant.parse("2027-03-20T00:00:00Z"), Instant.parse("2027-04-01T00:00:00Z")))
                .allSatisfy(o -> {
                    assertThat(o.type()).isEqualTo("occurrence");
                    assertThat(o.seriesMasterId()).contains(master.id());
                    assertThat(o.content().at("/start/timeZone").asText()).isEqualTo("W. Europe Standard Time");
                });
    }

    @Test
    void dailyWithIntervalAndANumberedRange() {
        series("2026-12-01T10:00:00", "2026-12-01T11:00:00", "UTC", "{\"type\": \"daily\", \"interval\": 2}",
                "{\"type\": \"numbered\", \"startDate\": \"2026-12-01\", \"numberOfOccurrences\": 3}");
        assertThat(starts("2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z")).containsExactly(
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-03T10:00:00Z"),
                Instant.parse("2026-12-05T10:00:00Z"));
    }

    @Test
    void monthlyAndYearlyPatternsWithAnInclusiveEndDate() {
        series("2026-12-25T08:00:00", "2026-12-25T09:00:00", "UTC",
                "{\"type\": \"relativeMonthly\", \"interval\": 1, \"daysOfWeek\": [\"friday\"], \"index\": \"last\"}",
                "{\"type\": \"endDate\", \"startDate\": \"2026-12-01\", \"endDate\": \"2027-02-26\"}");
        assertThat(starts("2026-12-01T00:00:00Z", "2027-06-01T00:00:00Z")).containsExactly(
                Instant.parse("2026-12-25T08:00:00Z"), Instant.parse("2027-01-29T08:00:00Z"),
                Instant.parse("2027-02-26T08:00:00Z"));
        alice.events().forEach(e -> alice.delete(e.id()));

        series("2026-12-15T08:00:00", "2026-12-15T09:00:00", "UTC",
                "{\"type\": \"absoluteMonthly\", \"interval\": 2, \"dayOfMonth\": 15}",
                "{\"type\": \"noEnd\", \"startDate\": \"2026-12-15\"}");
        assertThat(starts("2026-12-01T00:00:00Z", "2027-05-01T00:00:00Z")).containsExactly(
                Instant.parse("2026-12-15T08:00:00Z"), Instant.parse("2027-02-15T08:00:00Z"),
                Instant.parse("2027-04-15T08:00:00Z"));
        alice.events().forEach(e -> alice.delete(e.id()));

        series("2026-12-24T18:00:00", "2026-12-24T20:00:00", "UTC",
                "{\"type\": \"absoluteYearly\", \"interval\": 1, \"month\": 12, \"dayOfMonth\": 24}",
                "{\"type\": \"noEnd\", \"startDate\": \"2026-12-24\"}");
        series("2026-11-26T12:00:00", "2026-11-26T13:00:00", "UTC",
                "{\"type\": \"relativeYearly\", \"interval\": 1, \"month\": 11, \"daysOfWeek\": [\"thursday\"],"
                        + " \"index\": \"fourth\"}",
                "{\"type\": \"noEnd\", \"startDate\": \"2026-11-26\"}");
        assertThat(starts("2027-01-01T00:00:00Z", "2028-12-31T00:00:00Z")).containsExactly(
                Instant.parse("2027-11-25T12:00:00Z"), Instant.parse("2027-12-24T18:00:00Z"),
                Instant.parse("2028-11-23T12:00:00Z"), Instant.parse("2028-12-24T18:00:00Z"));
    }

    @Test
    void exceptionsAndDeletedOccurrences() {
        StoredEvent master = series("2026-12-07T09:00:00", "2026-12-07T10:00:00", "UTC",
                "{\"type\": \"weekly\", \"interval\": 1, \"daysOfWeek\": [\"monday\"]}",
                "{\"type\": \"numbered\", \"startDate\": \"2026-12-07\", \"numberOfOccurrences\": 4}");
        List<StoredEvent> occurrences = alice.calendarView(null, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(occurrences).hasSize(4);
        StoredEvent second = occurrences.get(1);
        StoredEvent third = occurrences.get(2);

        StoredEvent moved = alice.update(second.id(), "{\"subject\": \"Moved\", \"start\": {\"dateTime\":"
                + " \"2026-12-15T13:00:00\", \"timeZone\": \"UTC\"}, \"end\": {\"dateTime\": \"2026-12-15T14:00:00\","
                + " \"timeZone\": \"UTC\"}}");
        assertThat(moved.type()).isEqualTo("exception");
        assertThat(moved.id()).isEqualTo(second.id());
        assertThat(moved.originalStart()).contains(Instant.parse("2026-12-14T09:00:00Z"));
        alice.delete(third.id());

        List<StoredEvent> view = alice.calendarView(null, Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(view).extracting(StoredEvent::type).containsExactly("occurrence", "exception", "occurrence");
        assertThat(view).extracting(StoredEvent::subject).containsExactly("Series", "Moved", "Series");
        assertThat(view.get(1).start()).isEqualTo(Instant.parse("2026-12-15T13:00:00Z"));
        assertThat(alice.event(third.id())).isEmpty();
        // the master changed with its exceptions, as in Exchange, and is no item of the view itself
        assertThat(alice.event(master.id()).orElseThrow().changeKey()).isNotEqualTo(master.changeKey());
        assertThat(alice.events()).extracting(StoredEvent::type).containsExactly("seriesMaster");
        // an exception is listed where it is now, even when its original start lies outside the window
        assertThat(
                alice.calendarView(null, Instant.parse("2026-12-15T00:00:00Z"), Instant.parse("2026-12-16T00:00:00Z")))
                .extracting(StoredEvent::subject).containsExactly("Moved");

        alice.delete(master.id());
        assertThat(
                alice.calendarView(null, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(alice.event(second.id())).isEmpty();
    }

    @Test
    void anOccurrenceIdThatIsNoOccurrenceIsNotFound() {
        StoredEvent master = series("2026-12-07T09:00:00", "2026-12-07T10:00:00", "UTC",
                "{\"type\": \"weekly\", \"interval\": 1, \"daysOfWeek\": [\"monday\"]}",
                "{\"type\": \"noEnd\", \"startDate\": \"2026-12-07\"}");
        String tuesday = EventIds.occurrence(master.id(), Instant.parse("2026-12-08T09:00:00Z"));
        assertThat(alice.event(tuesday)).isEmpty();
        assertThatThrownBy(() -> alice.update(tuesday, "{\"subject\": \"x\"}")).isInstanceOfSatisfying(
                CalendarFailure.class, f -> assertThat(f.kind()).isEqualTo(CalendarFailure.Kind.NOT_FOUND));
    }

    @Test
    void invalidPatternsAreRefused() {
        assertThatThrownBy(() -> series("2026-12-07T09:00:00", "2026-12-07T10:00:00", "UTC",
                "{\"type\": \"weekly\", \"interval\": 1}", "{\"type\": \"noEnd\", \"startDate\": \"2026-12-07\"}"))
                .isInstanceOfSatisfying(CalendarFailure.class, f -> assertThat(f.kind()).isEqualTo(
                        CalendarFailure.Kind.INVALID));
        assertThatThrownBy(() -> series("2026-12-07T09:00:00", "2026-12-07T10:00:00", "UTC",
                "{\"type\": \"hourly\"}", "{\"type\": \"noEnd\", \"startDate\": \"2026-12-07\"}"))
                .isInstanceOf(CalendarFailure.class);
        assertThat(alice.events()).isEmpty();
    }
}
