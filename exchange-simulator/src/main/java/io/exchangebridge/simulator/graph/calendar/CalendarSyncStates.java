package io.exchangebridge.simulator.graph.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.exchangebridge.simulator.graph.store.SyncTokens;

/**
 * The sync states behind calendarView/delta's {@code $deltatoken} (the window and the change key of every item the
 * client has been given) and {@code $skiptoken} (the rest of a round). Graph encodes the window in the token, so the
 * follow-up calls carry no {@code startDateTime} / {@code endDateTime}.
 */
final class CalendarSyncStates {

    /** After a completed round: what the client knows of the view. */
    record SyncState(String mailbox, String calendarId, Instant from, Instant to, Map<String, String> known) {
    }

    /** A new or changed view item (as it was when the round started), or a removal (item null). */
    record Change(String id, StoredEvent item) {
    }

    /** A round being paged through. */
    record Round(SyncState next, List<Change> changes, int offset) {
    }

    private final SyncTokens<SyncState, Round> tokens = new SyncTokens<>(SyncState::mailbox, r -> r.next().mailbox());

    /** Compares the client's knowledge with the view now: new and changed items, then those that left the window. */
    static Round round(SyncState previous, List<StoredEvent> view) {
        Map<String, String> now = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (StoredEvent item : view) {
            now.put(item.id(), item.changeKey());
            if (!item.changeKey().equals(previous.known().get(item.id()))) {
                changes.add(new Change(item.id(), item));
            }
        }
        for (String id : previous.known().keySet()) {
            if (!now.containsKey(id)) {
                changes.add(new Change(id, null));
            }
        }
        SyncState next = new SyncState(previous.mailbox(), previous.calendarId(), previous.from(), previous.to(),
                Map.copyOf(now));
        return new Round(next, List.copyOf(changes), 0);
    }

    String remember(SyncState state) {
        return tokens.rememberDelta(state);
    }

    String remember(Round round) {
        return tokens.rememberSkip(round);
    }

    Optional<SyncState> delta(String token) {
        return tokens.delta(token);
    }

    Optional<Round> skip(String token) {
        return tokens.skip(token);
    }

    void expire(String upn) {
        tokens.expire(upn);
    }

    void clear() {
        tokens.clear();
    }
}
