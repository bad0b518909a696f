package io.exchangebridge.importer.calendar;

/**
 * The calendar an account syncs and writes to.
 *
 * @param path
 *            its path below {@code /users/{mailbox}}: empty for the primary calendar ({@code /calendarView/delta},
 *            {@code /events}), {@code /calendars/{id}} for a named one
 */
public record ResolvedCalendar(String id, String name, String path) {
}
