package io.exchangebridge.importer.event;

import java.util.List;

/**
 * A page of events; {@code nextCursor} is always set: the position after the last item (or, on a page that is not full,
 * after the newest change there is), from which to poll for changes.
 */
public record EventPage(List<EventView> items, String nextCursor) {
}
