package io.exchangebridge.importer.calendar;

import java.time.Instant;
import java.util.Set;

/**
 * Where the sync puts what Graph reports (the event store implements it; an interface here so that the store may depend
 * on {@link GraphEvent} without a package cycle). Every method is idempotent: applying the same state again changes
 * nothing and reports no change.
 */
public interface EventSink {

    /** Stores the event's state; true when that was a change (new, different, or back after a deletion). */
    boolean synced(String mailboxId, GraphEvent event);

    /** Graph reported the event removed; true when it was stored and not deleted yet. */
    boolean removed(String mailboxId, String graphId);

    /**
     * After a full round over {@code [windowStart, windowEnd)}: events not in {@code seen} are deleted if they overlap
     * the window, and left as out-of-window otherwise. The number deleted.
     */
    int reconcile(String mailboxId, Set<String> seen, Instant windowStart, Instant windowEnd);
}
