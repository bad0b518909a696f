package io.exchangebridge.smtp.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An application-level group commit: items that arrive while a write is under way are written together by the next
 * write, in one transaction, and every caller returns only once its own item is committed (or throws). There is no
 * timer and no thread of its own: the first caller that finds no write under way writes everything queued, so a lone
 * item is written at once, and under load one commit serves as many callers as arrived during the last one.
 *
 * <p>A batch that fails for a reason one item can cause ({@code oneItemsFault}, e.g. a value the database refuses) is
 * written again one item at a time, so that item fails only its caller; any other failure (the database is away) fails
 * every caller of the batch at once, without trying each again.
 */
final class GroupCommit<T> {

    /** Writes the items in one transaction, or throws and writes none. */
    @FunctionalInterface
    interface Writer<T> {
        void write(List<T> items);
    }

    /** At most this many items per transaction (a long queue is written in several). */
    static final int MAX_BATCH = 64;

    private final Writer<T> writer;
    private final Predicate<RuntimeException> oneItemsFault;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
    private boolean writing;

    GroupCommit(Writer<T> writer, Predicate<RuntimeException> oneItemsFault) {
        this.writer = writer;
        this.oneItemsFault = oneItemsFault;
    }

    private static final class Entry<T> {
        final T item;
        boolean done;
        RuntimeException failure;

        Entry(T item) {
            this.item = item;
        }
    }

    /** Writes the item, with whatever else is waiting; returns once it is committed. */
    void write(T item) {
        Entry<T> entry = new Entry<>(item);
        lock.lock();
        try {
            queue.add(entry);
            while (!entry.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                List<Entry<T>> batch = new ArrayList<>();
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
                lock.unlock();
                try {
                    writeAll(batch);
                } finally {
                    lock.lock();
                    writing = false;
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (entry.failure != null) {
            throw entry.failure;
        }
    }

    /** Items queued behind the write under way (for tests). */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Marks each entry done, with its failure if it has one. */
    private void writeAll(List<Entry<T>> batch) {
        try {
            writer.write(batch.stream().map(e -> e.item).toList());
        } catch (Error e) {
            batch.forEach(one -> one.failure = new IllegalStateException("Could not write", e));
            throw e;
        } catch (RuntimeException e) {
            if (batch.size() == 1 || !oneItemsFault.test(e)) {
                batch.forEach(one -> one.failure = e);
            } else {
                for (Entry<T> one : batch) {
                    try {
                        writer.write(List.of(one.item));
                    } catch (RuntimeException again) {
                        one.failure = again;
                    }
                }
            }
        } finally {
            batch.forEach(e -> e.done = true);
        }
    }
}
