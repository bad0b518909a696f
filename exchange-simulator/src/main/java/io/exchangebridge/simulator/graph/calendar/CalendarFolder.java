package io.exchangebridge.simulator.graph.calendar;

/**
 * A calendar of a mailbox.
 *
 * @param id
 *            Graph's id
 * @param name
 *            the display name; the primary calendar's is {@code Calendar}
 * @param isDefault
 *            true for the primary calendar
 */
public record CalendarFolder(String id, String name, boolean isDefault) {
}
