package io.exchangebridge.simulator.graph.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a series master's calendar knows beyond its recurrence: the occurrences deleted and the exceptions (each with
 * its own content and change key), keyed by original start, and the change key its plain occurrences share. Guarded by
 * the owning {@link MailboxCalendar}'s lock.
 */
final class Series {

    /** A deleted occurrence (content null) or an exception. */
    private record Modification(ObjectNode content, String changeKey, Instant modifiedAt) {
        boolean deleted() {
            return content == null;
        }
    }

    private final Map<Instant, Modification> overrides = new TreeMap<>();
    /** Bumped when the master itself changes, so every occurrence shows up as changed in a delta round. */
    private String occurrenceKey = EventIds.changeKey();

    void bump() {
        occurrenceKey = EventIds.changeKey();
    }

    void modify(Instant originalStart, ObjectNode content, String changeKey, Instant at) {
        overrides.put(originalStart, new Modification(content.deepCopy(), changeKey, at));
    }

    void delete(Instant originalStart) {
        overrides.put(originalStart, new Modification(null, null, null));
    }

    /** The occurrence or exception at {@code originalStart}, unless deleted or not part of the series. */
    Optional<StoredEvent> instance(StoredEvent master, Instant originalStart) {
        if (master == null) {
            return Optional.empty();
        }
        Modification modification = overrides.get(originalStart);
        if (modification != null) {
            return modification.deleted()
                    ? Optional.empty()
                    : Optional.of(exception(master, originalStart, modification));
        }
        return Recurrences.isOccurrence(master, originalStart)
                ? Optional.of(occurrence(master, originalStart))
                : Optional.empty();
    }

    /** Occurrences and exceptions overlapping the window, deleted occurrences left out. */
    List<StoredEvent> instances(StoredEvent master, Instant from, Instant to) {
        List<StoredEvent> instances = new ArrayList<>();
        for (Instant start : Recurrences.starts(master, from, to)) {
            if (!overrides.containsKey(start)) {
                instances.add(occurrence(master, start));
            }
        }
        // an exception counts where it is now, which may be outside the window its original start is in
        overrides.forEach((start, modification) -> {
            if (!modification.deleted()) {
                StoredEvent exception = exception(master, start, modification);
                if (exception.overlaps(from, to)) {
                    instances.add(exception);
                }
            }
        });
        instances.sort(Comparator.comparing(StoredEvent::start));
        return instances;
    }

    private StoredEvent occurrence(StoredEvent master, Instant start) {
        ObjectNode content = master.content();
        content.remove("recurrence");
        // the occurrence keeps the zone names the series was created with
        setTime(content, "start", start);
        setTime(content, "end", start.plus(master.duration()));
        return master.instance(EventIds.occurrence(master.id(), start), "occurrence", start, content, occurrenceKey,
                master.lastModifiedAt(), master.isCancelled());
    }

    private static StoredEvent exception(StoredEvent master, Instant start, Modification modification) {
        return master.instance(EventIds.occurrence(master.id(), start), "exception", start, modification.content()
                .deepCopy(),
                modification.changeKey(), modification.modifiedAt(), master.isCancelled());
    }

    private static void setTime(ObjectNode content, String side, Instant at) {
        ObjectNode time = (ObjectNode) content.get(side);
        ZoneId zone = TimeZones.zone(time.path("timeZone").asText(null)).orElse(ZoneOffset.UTC);
        time.put("dateTime", TimeZones.format(LocalDateTime.ofInstant(at, zone)));
    }
}
