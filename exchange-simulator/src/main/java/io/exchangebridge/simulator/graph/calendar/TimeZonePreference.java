package io.exchangebridge.simulator.graph.calendar;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The zone returned times are in: {@code Prefer: outlook.timezone="..."} when Exchange knows the name, else UTC.
 *
 * @param zone
 *            the zone
 * @param name
 *            the name as the client gave it, which Graph puts in {@code timeZone} and {@code Preference-Applied}
 * @param applied
 *            whether the client's preference was honoured
 */
record TimeZonePreference(ZoneId zone, String name, boolean applied) {

    static final TimeZonePreference UTC = new TimeZonePreference(ZoneOffset.UTC, "UTC", false);

    static TimeZonePreference of(CalendarRequest request) {
        return request.preference("outlook.timezone")
                .flatMap(name -> TimeZones.zone(name).map(zone -> new TimeZonePreference(zone, name.trim(), true)))
                .orElse(UTC);
    }

    /** The {@code Preference-Applied} value. */
    String header() {
        return "outlook.timezone=\"" + name + "\"";
    }
}
