package io.exchangebridge.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.calendar.MailboxCalendar;
import io.exchangebridge.simulator.graph.calendar.StoredEvent;

/**
 * The demo tenant's calendar, dated from the day the simulator starts so that it falls into a sync window: in
 * {@link DemoTenant#ALICE}'s primary calendar a meeting with {@link DemoTenant#BOB} tomorrow (Bob gets the invitation
 * into his calendar), a weekly planning series from next Monday with its second occurrence moved and its third deleted,
 * and an all-day company holiday in a week. Times in Amsterdam, named the Windows way as Outlook does.
 */
final class DemoCalendar {

    static final String ZONE = "W. Europe Standard Time";
    static final String MEETING = "Project kick-off";
    static final String SERIES = "Weekly planning";
    static final String ALL_DAY = "Company day off";

    private DemoCalendar() {
    }

    static void seed(GraphCalendar calendar, LocalDate today) {
        MailboxCalendar alice = calendar.mailbox(DemoTenant.ALICE);
        LocalDate tomorrow = today.plusDays(1);
        alice.create(null, """
                {"subject": "%s", "body": {"contentType": "html", "content": "<p>Scope, plan and owners.</p>"},
                 "start": {"dateTime": "%sT10:00:00", "timeZone": "%s"},
                 "end": {"dateTime": "%sT11:00:00", "timeZone": "%s"},
                 "location": {"displayName": "Room Amsterdam"}, "isOnlineMeeting": true,
                 "attendees": [{"emailAddress": {"address": "%s", "name": "Bob Brown"}, "type": "required"}]}"""
                .formatted(MEETING, tomorrow, ZONE, tomorrow, ZONE, DemoTenant.BOB));

        LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        StoredEvent series = alice.create(null, """
                {"subject": "%s", "start": {"dateTime": "%sT09:00:00", "timeZone": "%s"},
                 "end": {"dateTime": "%sT09:30:00", "timeZone": "%s"}, "categories": ["Planning"],
                 "recurrence": {"pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"],
                                            "firstDayOfWeek": "monday"},
                                "range": {"type": "numbered", "startDate": "%s", "numberOfOccurrences": 12}}}"""
                .formatted(SERIES, monday, ZONE, monday, ZONE, monday));
        Instant from = monday.atStartOfDay(ZoneId.of("Europe/Amsterdam")).toInstant();
        List<StoredEvent> occurrences = alice.instances(series.id(), from, from.plusSeconds(22 * 86_400));
        LocalDate secondMonday = monday.plusWeeks(1);
        alice.update(occurrences.get(1).id(), """
                {"subject": "%s (moved)", "start": {"dateTime": "%sT11:00:00", "timeZone": "%s"},
                 "end": {"dateTime": "%sT11:30:00", "timeZone": "%s"}}"""
                .formatted(SERIES, secondMonday, ZONE, secondMonday, ZONE));
        alice.delete(occurrences.get(2).id());

        LocalDate holiday = today.plusWeeks(1);
        alice.create(null, """
                {"subject": "%s", "isAllDay": true, "showAs": "oof",
                 "start": {"dateTime": "%sT00:00:00", "timeZone": "%s"},
                 "end": {"dateTime": "%sT00:00:00", "timeZone": "%s"}}"""
                .formatted(ALL_DAY, holiday, ZONE, holiday.plusDays(1), ZONE));
    }
}
