package io.exchangebridge.simulator.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.exchangebridge.simulator.graph.store.StoredMessage;
import io.exchangebridge.simulator.graph.store.SyncTokens;

/**
 * Sync states behind {@code $skiptoken} and {@code $deltatoken}. A delta token remembers which messages (and which
 * version of each) the client has seen; a skip token remembers the rest of a round in progress. Tokens are opaque;
 * unknown or expired ones are answered with {@code SyncStateNotFound}.
 */
final class DeltaTokens {

    /** What the client knows of one message: the id it was given and the version. */
    record Known(String restId, long version) {
    }

    /** The state after a completed round. */
    record SyncState(String mailbox, String folderId, MessageFilter filter, Optional<Set<String>> select,
            Map<String, Known> known) {
    }

    /** One change to report: a message (by immutable id) that is new or changed, or one that is gone. */
    record Change(String immutableId, boolean removed, String knownRestId) {
    }

    /** A round in progress: the changes still to page through and the state to hand out at the end. */
    record Round(SyncState next, List<Change> changes, int offset) {
    }

    private final SyncTokens<SyncState, Round> tokens = new SyncTokens<>(SyncState::mailbox, r -> r.next().mailbox());

    /** Compares what the client knew with the folder's current messages (already filtered). */
    Round round(SyncState previous, List<StoredMessage> current) {
        Map<String, Known> snapshot = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        for (StoredMessage message : current) {
            snapshot.put(message.immutableId(), new Known(message.restId(), message.version()));
            Known known = previous.known().get(message.immutableId());
            if (known == null || known.version() != message.version()) {
                changes.add(new Change(message.immutableId(), false, message.restId()));
            }
        }
        previous.known().forEach((immutableId, known) -> {
            if (!snapshot.containsKey(immutableId)) {
                changes.add(new Change(immutableId, true, known.restId()));
            }
        });
        SyncState next = new SyncState(previous.mailbox(), previous.folderId(), previous.filter(), previous.select(),
                Map.copyOf(snapshot));
        return new Round(next, List.copyOf(changes), 0);
    }

    String skipToken(Round round) {
        return tokens.rememberSkip(round);
    }

    String deltaToken(SyncState state) {
        return tokens.rememberDelta(state);
    }

    Optional<Round> skip(String token) {
        return tokens.skip(token);
    }

    Optional<SyncState> delta(String token) {
        return tokens.delta(token);
    }

    /** Forgets every sync state of a mailbox: its clients get SyncStateNotFound and must sync again. */
    void expire(String mailbox) {
        tokens.expire(mailbox);
    }

    void clear() {
        tokens.clear();
    }
}
