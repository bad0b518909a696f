package io.exchangebridge.simulator.graph.calendar;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Preference-Applied} for the {@code Prefer} values the calendar honours: {@code odata.maxpagesize} (delta),
 * {@code outlook.timezone} and {@code IdType="ImmutableId"} (event ids here never change, as immutable ids do not:
 * events do not move between calendars in this simulator).
 */
final class AppliedPreferences {

    private AppliedPreferences() {
    }

    /**
     * @param pageSize
     *            the delta page size applied, or 0 when the call is not paged by the preference
     */
    static CalendarAnswer apply(CalendarRequest request, CalendarAnswer answer, TimeZonePreference zone,
            int pageSize) {
        List<String> applied = new ArrayList<>();
        if (pageSize > 0 && request.preference("odata.maxpagesize").isPresent()) {
            applied.add("odata.maxpagesize=" + pageSize);
        }
        if (zone.applied()) {
            applied.add(zone.header());
        }
        if (request.preference("IdType").filter(v -> v.equals("ImmutableId")).isPresent()) {
            applied.add("IdType=\"ImmutableId\"");
        }
        return applied.isEmpty() ? answer : answer.withHeader("Preference-Applied", String.join(",", applied));
    }
}
