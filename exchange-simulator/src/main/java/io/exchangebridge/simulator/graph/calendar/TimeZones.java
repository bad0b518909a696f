package io.exchangebridge.simulator.graph.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Graph's time zone names: IANA ids and Windows names (Exchange stores Windows names, and Outlook sends them in
 * {@code start.timeZone} and {@code Prefer: outlook.timezone}). The JDK knows only IANA ids, so the common Windows
 * names are mapped here, after CLDR's windowsZones table (territory "001").
 */
final class TimeZones {

    /** Graph's {@code dateTimeTimeZone.dateTime}: seven fractional digits, no offset. */
    static final DateTimeFormatter GRAPH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");

    private static final Map<String, String> WINDOWS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        WINDOWS.put("UTC", "UTC");
        WINDOWS.put("Coordinated Universal Time", "UTC");
        WINDOWS.put("GMT Standard Time", "Europe/London");
        WINDOWS.put("Greenwich Standard Time", "Atlantic/Reykjavik");
        WINDOWS.put("W. Europe Standard Time", "Europe/Berlin");
        WINDOWS.put("Romance Standard Time", "Europe/Paris");
        WINDOWS.put("Central Europe Standard Time", "Europe/Budapest");
        WINDOWS.put("Central European Standard Time", "Europe/Warsaw");
        WINDOWS.put("E. Europe Standard Time", "Europe/Chisinau");
        WINDOWS.put("FLE Standard Time", "Europe/Kiev");
        WINDOWS.put("GTB Standard Time", "Europe/Bucharest");
        WINDOWS.put("Russian Standard Time", "Europe/Moscow");
        WINDOWS.put("Turkey Standard Time", "Europe/Istanbul");
        WINDOWS.put("South Africa Standard Time", "Africa/Johannesburg");
        WINDOWS.put("Arabian Standard Time", "Asia/Dubai");
        WINDOWS.put("India Standard Time", "Asia/Calcutta");
        WINDOWS.put("China Standard Time", "Asia/Shanghai");
        WINDOWS.put("Singapore Standard Time", "Asia/Singapore");
        WINDOWS.put("Tokyo Standard Time", "Asia/Tokyo");
        WINDOWS.put("Korea Standard Time", "Asia/Seoul");
        WINDOWS.put("AUS Eastern Standard Time", "Australia/Sydney");
        WINDOWS.put("New Zealand Standard Time", "Pacific/Auckland");
        WINDOWS.put("Eastern Standard Time", "America/New_York");
        WINDOWS.put("Central Standard Time", "America/Chicago");
        WINDOWS.put("Mountain Standard Time", "America/Denver");
        WINDOWS.put("US Mountain Standard Time", "America/Phoenix");
        WINDOWS.put("Pacific Standard Time", "America/Los_Angeles");
        WINDOWS.put("Alaskan Standard Time", "America/Anchorage");
        WINDOWS.put("Hawaiian Standard Time", "Pacific/Honolulu");
        WINDOWS.put("Atlantic Standard Time", "America/Halifax");
        WINDOWS.put("E. South America Standard Time", "America/Sao_Paulo");
    }

    private TimeZones() {
    }

    /** The zone of a Graph time zone name, IANA or Windows; empty when unknown. */
    static Optional<ZoneId> zone(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String mapped = WINDOWS.getOrDefault(name.trim(), name.trim());
        try {
            return Optional.of(mapped.equals("UTC") ? ZoneOffset.UTC : ZoneId.of(mapped));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Graph's local date-time, with or without fractional seconds; empty when unreadable. */
    static Optional<LocalDateTime> localDateTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A window bound of calendarView: ISO 8601 with an offset, or without one meaning UTC. */
    static Optional<Instant> windowBound(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return localDateTime(text).map(t -> t.toInstant(ZoneOffset.UTC));
        }
    }

    static String format(LocalDateTime time) {
        return GRAPH_DATE_TIME.format(time);
    }
}
