package io.exchangebridge.simulator.graph.calendar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A mailbox's calendars: the primary one ("Calendar") first. Guarded by the owning {@link MailboxCalendar}. */
final class CalendarFolders {

    private final Map<String, CalendarFolder> folders = new LinkedHashMap<>();
    private final String primaryId = EventIds.calendar();

    CalendarFolders() {
        folders.put(primaryId, new CalendarFolder(primaryId, "Calendar", true));
    }

    String primaryId() {
        return primaryId;
    }

    List<CalendarFolder> all() {
        return List.copyOf(folders.values());
    }

    /** By id, or by display name ignoring case. */
    Optional<CalendarFolder> find(String idOrName) {
        CalendarFolder byId = folders.get(idOrName);
        return byId != null
                ? Optional.of(byId)
                : folders.values().stream().filter(c -> c.name().equalsIgnoreCase(idOrName)).findFirst();
    }

    String create(String name) {
        if (name == null || name.isBlank()) {
            throw CalendarFailure.invalid("ErrorInvalidRequest", "The calendar needs a name.");
        }
        if (folders.values().stream().anyMatch(c -> c.name().equalsIgnoreCase(name.trim()))) {
            throw CalendarFailure.calendarExists();
        }
        String id = EventIds.calendar();
        folders.put(id, new CalendarFolder(id, name.trim(), false));
        return id;
    }
}
