package io.exchangebridge.importer.calendar;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where the sync puts what Graph reports (the event store implements it; an interface here so that the store may depend
 * on {@link GraphEvent} without a package cycle). Every method is idempotent: applying the same state again changes
 * nothing and reports no change.
 */
public interface EventSink {

    /** Stores the event's state; true when that was a change (new, different, or back after a deletion). */
    boolean synced(String mailboxId, GraphEvent event);

    /** The type ({@code singleInstance}, {@code occurrence}, ...) of a stored event that is not deleted. */
    Optional<String> storedType(String mailboxId, String graphId);

    /** The stored event is outside the window now: kept as it is, no longer synced, not reported deleted. */
    void leftWindow(String mailboxId, String graphId);

    /** Graph reported the event removed; true when it was stored and not deleted yet. */
    boolean removed(String mailboxId, String graphId);

    /** The position of the newest change stored so far (every later change is above it). */
    long position();

    /**
     * After a full round over {@code [windowStart, windowEnd)} that began at {@code roundStart} (a
     * {@link #position()}): events not in {@code seen} are deleted if they overlap the window, and left as
     * out-of-window otherwise. Events changed after {@code roundStart} (written through the API meanwhile) are left
     * alone: the round may have read their part of the window before they existed. The number deleted.
     */
    int reconcile(String mailboxId, Set<String> seen, Instant windowStart, Instant windowEnd, long roundStart);
}
