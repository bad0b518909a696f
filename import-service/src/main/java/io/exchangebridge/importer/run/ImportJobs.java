package io.exchangebridge.importer.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The import job queue shared by all replicas: a job is the {@code import_run_mailbox} row of one mailbox in one run,
 * so the row the API reads as the run's status is the queue entry itself (no second store to keep in step, and no
 * scheduler library's tables next to ours). Workers of every replica take jobs with {@code FOR UPDATE SKIP LOCKED}; a
 * taken job carries its holder and a lease the holder renews, and a job whose lease ran out (its replica stopped) is
 * taken again.
 */
@ApplicationScoped
public class ImportJobs {

    /**
     * A job taken by {@code holder}; {@code attempts} counts the takes, this one included; {@code traceparent} is the
     * trace context its run was queued in (null without one).
     */
    record Claimed(UUID runId, String mailboxId, String holder, int attempts, String traceparent) {

        Claimed(UUID runId, String mailboxId, String holder, int attempts) {
            this(runId, mailboxId, holder, attempts, null);
        }
    }

    private final AtomicLong looksStarted = new AtomicLong();
    private final AtomicLong latestLookDone = new AtomicLong();
    private final DataSource dataSource;
    private final ImportRunRepository runs;
    private final Object signal = new Object();
    private long wakes;

    public ImportJobs(DataSource dataSource, ImportRunRepository runs) {
        this.dataSource = dataSource;
        this.runs = runs;
    }

    /**
     * Enqueues a run of one mailbox for {@code trigger} (e.g. "notification") unless a job of that mailbox is already
     * queued (not yet taken): then the existing queued job covers it. Returns the run id (new or existing). Never
     * imports inline; this replica's idle workers are woken.
     */
    public UUID enqueueUnlessQueued(String mailboxId, String trigger) {
        UUID runId = runs.createUnlessQueued(trigger, mailboxId);
        wake();
        return runId;
    }

    /** A run with one job per mailbox; audited when {@code auditDetail} is given (a caller's request). */
    UUID enqueue(String trigger, List<String> mailboxIds, String auditDetail) {
        UUID runId = runs.create(trigger, mailboxIds, auditDetail);
        wake();
        return runId;
    }

    /**
     * Takes the oldest job that is queued, or taken by a holder whose lease ran out, of a mailbox no one holds the
     * mailbox lease of (such a job waits rather than being skipped: it may cover mail the running import missed).
     */
    Optional<Claimed> claim(String replica, String holder, Duration lease) {
        long look = looksStarted.incrementAndGet();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE import_run_mailbox j SET status = 'RUNNING', holder = ?, replica = ?, attempts = attempts + 1,
                    lease_expires_at = now() + make_interval(secs => ?), started_at = now(), finished_at = NULL
                WHERE (j.run_id, j.mailbox_id) IN (
                    SELECT q.run_id, q.mailbox_id FROM import_run_mailbox q
                    WHERE (q.status = 'PENDING'
                           OR (q.status = 'RUNNING' AND coalesce(q.lease_expires_at, '-infinity') < now()))
                      AND NOT EXISTS (SELECT 1 FROM mailbox_lease l
                                      WHERE l.mailbox_id = q.mailbox_id AND l.expires_at >= now())
                    ORDER BY q.queued_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING j.run_id, j.mailbox_id, j.attempts, j.traceparent
                """)) {
            s.setString(1, holder);
            s.setString(2, replica);
            s.setDouble(3, lease.toMillis() / 1000.0);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), holder, rs.getInt(3),
                                rs.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Taking an import job failed (SQL state " + e.getSQLState() + ")", e);
        } finally {
            latestLookDone.accumulateAndGet(look, Math::max);
        }
    }

    /** How many looks for a job ({@link #claim}) have started on this replica; for tests. */
    long looksStarted() {
        return looksStarted.get();
    }

    /**
     * The number of the latest look that has finished (looks are numbered as they start); for tests: once it passes a
     * {@link #looksStarted()} read after a change, a worker has looked at the queue as it is since that change.
     */
    long latestLookDone() {
        return latestLookDone.get();
    }

    /** Extends the job's lease; false when another holder took the job over. */
    boolean renew(UUID runId, String mailboxId, String holder, Duration lease) {
        return update("UPDATE import_run_mailbox SET lease_expires_at = now() + make_interval(secs => ?) "
                + "WHERE run_id = ? AND mailbox_id = ? AND holder = ? AND status = 'RUNNING'",
                lease.toMillis() / 1000.0, runId, mailboxId, holder) == 1;
    }

    /** Puts a taken job back in the queue without counting the take (its mailbox was busy, or the replica stops). */
    void requeue(Claimed job) {
        update("UPDATE import_run_mailbox SET status = 'PENDING', holder = NULL, lease_expires_at = NULL, "
                + "attempts = attempts - 1, started_at = NULL WHERE run_id = ? AND mailbox_id = ? AND holder = ? "
                + "AND status = 'RUNNING'", job.runId(), job.mailboxId(), job.holder());
        wake();
    }

    /** Records the job's result; false when it was taken over meanwhile (nothing written). */
    boolean finish(Claimed job, MailboxResult result) {
        return runs.finish(job.runId(), job.holder(), result);
    }

    /** Wakes this replica's idle workers: a job was just queued. */
    void wake() {
        synchronized (signal) {
            wakes++;
            signal.notifyAll();
        }
    }

    /** The number of wakes so far; read before looking for a job, passed to {@link #await}. */
    long wakes() {
        synchronized (signal) {
            return wakes;
        }
    }

    /**
     * Waits up to {@code max} for a {@link #wake} after the {@code seen}-th (at once if one came meanwhile, so a job
     * queued while the worker looked is not left for the next poll); false when interrupted.
     */
    boolean await(Duration max, long seen) {
        synchronized (signal) {
            try {
                if (wakes == seen) {
                    signal.wait(Math.max(1, max.toMillis()));
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private int update(String sql, Object... params) {
        return runs.update(sql, params);
    }
}
