package io.exchangebridge.simulator.graph.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Expands a Graph {@code patternedRecurrence} into occurrence starts. The pattern becomes an RFC 5545 RRULE (FREQ,
 * INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST) iterated by lib-recur in the series' time zone, so occurrences
 * keep their wall-clock time across daylight-saving changes; Graph's range (endDate / numbered / noEnd) is applied
 * here. As in Exchange, the first occurrence is the first date on or after {@code range.startDate} that fits the
 * pattern.
 */
final class Recurrences {

    /** Enough for a daily series over the longest window a client may ask for (Graph allows about five years). */
    private static final int MAX_INSTANCES = 20_000;

    private static final Map<String, String> INDEX = Map.of("first", "1", "second", "2", "third", "3", "fourth", "4",
            "last", "-1");

    private Recurrences() {
    }

    /** Checks a recurrence as a create or PATCH would; a message for Graph's 400 otherwise. */
    static void validate(JsonNode recurrence) {
        if (recurrence == null || recurrence.isNull()) {
            return;
        }
        rule(recurrence.path("pattern"));
        String range = recurrence.path("range").path("type").asText("");
        if (!List.of("endDate", "noEnd", "numbered").contains(range)) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "Recurrence range type '" + range + "' is invalid.");
        }
        date(recurrence.path("range").path("startDate"));
        if (range.equals("endDate")) {
            date(recurrence.path("range").path("endDate"));
        }
        if (range.equals("numbered") && recurrence.path("range").path("numberOfOccurrences").asInt(0) < 1) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "numberOfOccurrences must be positive.");
        }
    }

    /**
     * The starts of the master's occurrences that begin before {@code to} and end after {@code from}, in order.
     * {@code master} must carry a recurrence.
     */
    static List<Instant> starts(StoredEvent master, Instant from, Instant to) {
        JsonNode recurrence = master.raw("recurrence");
        JsonNode range = recurrence.path("range");
        ZoneId zone = TimeZones.zone(range.path("recurrenceTimeZone").asText(null)).orElse(master.startZone());
        LocalDateTime masterStart = LocalDateTime.ofInstant(master.start(), master.startZone());
        LocalDate first = date(range.path("startDate"));
        LocalDateTime seriesStart = first.atTime(masterStart.toLocalTime());
        String rangeType = range.path("type").asText();
        LocalDate last = rangeType.equals("endDate") ? date(range.path("endDate")) : null;
        int count = rangeType.equals("numbered") ? range.path("numberOfOccurrences").asInt() : Integer.MAX_VALUE;
        RecurrenceRuleIterator it = rule(recurrence.path("pattern")).iterator(
                seriesStart.atZone(zone).toInstant().toEpochMilli(), TimeZone.getTimeZone(zone));
        List<Instant> starts = new ArrayList<>();
        long duration = master.duration().toMillis();
        for (int n = 0; n < Math.min(count, MAX_INSTANCES) && it.hasNext(); n++) {
            Instant start = Instant.ofEpochMilli(it.nextMillis());
            if (!start.isBefore(to) || (last != null && start.atZone(zone).toLocalDate().isAfter(last))) {
                break;
            }
            if (start.plusMillis(Math.max(duration, 1)).isAfter(from)) {
                starts.add(start);
            }
        }
        return starts;
    }

    /** Whether {@code start} is one of the series' occurrence starts. */
    static boolean isOccurrence(StoredEvent master, Instant start) {
        return starts(master, start, start.plusMillis(1)).contains(start);
    }

    private static RecurrenceRule rule(JsonNode pattern) {
        String type = pattern.path("type").asText("");
        int interval = Math.max(1, pattern.path("interval").asInt(1));
        StringBuilder rrule = new StringBuilder();
        switch (type) {
            case "daily" -> rrule.append("FREQ=DAILY");
            case "weekly" -> rrule.append("FREQ=WEEKLY;BYDAY=").append(days(pattern));
            case "absoluteMonthly" -> rrule.append("FREQ=MONTHLY;BYMONTHDAY=").append(dayOfMonth(pattern));
            case "relativeMonthly" -> rrule.append("FREQ=MONTHLY;BYDAY=").append(days(pattern)).append(";BYSETPOS=")
                    .append(index(pattern));
            case "absoluteYearly" -> rrule.append("FREQ=YEARLY;BYMONTH=").append(month(pattern)).append(
                    ";BYMONTHDAY=").append(dayOfMonth(pattern));
            case "relativeYearly" -> rrule.append("FREQ=YEARLY;BYMONTH=").append(month(pattern)).append(";BYDAY=")
                    .append(days(pattern)).append(";BYSETPOS=").append(index(pattern));
            default -> throw CalendarFailure.invalid("ErrorInvalidRequest",
                    "Recurrence pattern type '" + type + "' is invalid.");
        }
        rrule.append(";INTERVAL=").append(interval);
        String weekStart = pattern.path("firstDayOfWeek").asText("sunday");
        rrule.append(";WKST=").append(weekday(weekStart));
        try {
            return new RecurrenceRule(rrule.toString());
        } catch (InvalidRecurrenceRuleException e) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "The recurrence pattern is invalid.");
        }
    }

    private static String days(JsonNode pattern) {
        List<String> days = new ArrayList<>();
        pattern.path("daysOfWeek").forEach(d -> days.add(weekday(d.asText())));
        if (days.isEmpty()) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "daysOfWeek is required for this pattern.");
        }
        return String.join(",", days);
    }

    private static String weekday(String day) {
        return switch (day.toLowerCase(Locale.ROOT)) {
            case "monday" -> "MO";
            case "tuesday" -> "TU";
            case "wednesday" -> "WE";
            case "thursday" -> "TH";
            case "friday" -> "FR";
            case "saturday" -> "SA";
            case "sunday" -> "SU";
            default -> throw CalendarFailure.invalid("ErrorInvalidRequest", "'" + day + "' is not a day of week.");
        };
    }

    private static String index(JsonNode pattern) {
        String index = INDEX.get(pattern.path("index").asText("first"));
        if (index == null) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "Recurrence index is invalid.");
        }
        return index;
    }

    private static int dayOfMonth(JsonNode pattern) {
        return bounded(pattern.path("dayOfMonth").asInt(0), 31, "dayOfMonth");
    }

    private static int month(JsonNode pattern) {
        return bounded(pattern.path("month").asInt(0), 12, "month");
    }

    private static int bounded(int value, int max, String name) {
        if (value < 1 || value > max) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "Recurrence " + name + " is invalid.");
        }
        return value;
    }

    private static LocalDate date(JsonNode node) {
        try {
            return LocalDate.parse(node.asText(""));
        } catch (DateTimeParseException e) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "Recurrence date '" + node.asText() + "' is invalid.");
        }
    }
}
