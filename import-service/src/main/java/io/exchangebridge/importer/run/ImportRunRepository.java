package io.exchangebridge.importer.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.tracing.Traceparent;

/**
 * Import runs and their jobs (one {@code import_run_mailbox} row per mailbox: queue entry and result at once) in
 * PostgreSQL, visible to every replica; see {@link ImportJobs} for taking them.
 */
@ApplicationScoped
public class ImportRunRepository {

    private final DataSource dataSource;
    private final AuditTrail audit;

    public ImportRunRepository(DataSource dataSource, AuditTrail audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /**
     * A new run of {@code mailboxIds}; with an {@code auditDetail} (a caller's request) the audit entry
     * {@code import.start} (target the run id) is written in the same transaction.
     */
    public UUID create(String trigger, List<String> mailboxIds, String auditDetail) {
        return inTransaction("Creating the run", c -> insert(c, trigger, mailboxIds, auditDetail));
    }

    /**
     * The run of the queued (not yet taken) job of {@code mailboxId}, else a new run of that mailbox alone. A
     * transaction-scoped advisory lock per mailbox makes two concurrent callers (any replicas) agree on one job.
     */
    public UUID createUnlessQueued(String trigger, String mailboxId) {
        return inTransaction("Enqueueing the job", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
                    PreparedStatement queued = c.prepareStatement("SELECT run_id FROM import_run_mailbox "
                            + "WHERE mailbox_id = ? AND status = 'PENDING' ORDER BY queued_at LIMIT 1")) {
                lock.setString(1, "import-job:" + mailboxId);
                lock.execute();
                queued.setString(1, mailboxId);
                try (ResultSet rs = queued.executeQuery()) {
                    return rs.next() ? rs.getObject(1, UUID.class) : insert(c, trigger, List.of(mailboxId), null);
                }
            }
        });
    }

    private interface SqlWork {
        UUID run(Connection c) throws SQLException;
    }

    private UUID inTransaction(String what, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                UUID id = work.run(c);
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Inserts the run and its jobs (one per mailbox, PENDING) in the caller's transaction. */
    private UUID insert(Connection c, String trigger, List<String> mailboxIds, String auditDetail)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String traceparent = Traceparent.current(); // what queued the run: its jobs continue this trace
        try (PreparedStatement run = c.prepareStatement("INSERT INTO import_run (id, trigger, created_at, finished_at) "
                + "VALUES (?, ?, now(), " + (mailboxIds.isEmpty() ? "now()" : "NULL") + ")");
                PreparedStatement mb = c.prepareStatement("INSERT INTO import_run_mailbox (run_id, mailbox_id, "
                        + "status, queued_at, traceparent) VALUES (?, ?, 'PENDING', now(), ?)")) {
            run.setObject(1, id);
            run.setString(2, trigger);
            run.executeUpdate();
            for (String m : mailboxIds) {
                mb.setObject(1, id);
                mb.setString(2, m);
                mb.setString(3, traceparent);
                mb.addBatch();
            }
            mb.executeBatch();
            if (auditDetail != null) {
                audit.record(c, "import.start", id.toString(), auditDetail, "OK");
            }
        }
        return id;
    }

    /**
     * Records the result of a job taken by {@code holder}; false (nothing written) when the job was taken over
     * meanwhile because this holder stopped renewing its lease. A job taken again after its replica died counts as
     * imported what every take of it stored: the dead take's messages are no longer in the folder for this one to see.
     */
    public boolean finish(UUID runId, String holder, MailboxResult r) {
        return update(
                "UPDATE import_run_mailbox SET status = ?, imported = CASE WHEN attempts > 1 THEN (SELECT count(*) "
                        + "FROM message WHERE message.mailbox_id = import_run_mailbox.mailbox_id AND message.run_id = "
                        + "import_run_mailbox.run_id) ELSE ? END, duplicates = ?, too_large = ?, failed = ?, "
                        + "actions = ?, error_code = ?, reason = ?, events_changed = ?, started_at = coalesce(started_at, now()), "
                        + "finished_at = now(), lease_expires_at = NULL WHERE run_id = ? AND mailbox_id = ? AND holder = ? "
                        + "AND status = 'RUNNING'",
                r.status().name(), r.imported(), r.duplicates(), r.tooLarge(), r.failed(),
                r.actionsApplied(), r.errorCode() == null ? null : r.errorCode().name(), r.reason(), r.eventsChanged(),
                runId, r.mailboxId(), holder) == 1;
    }

    public Optional<RunView> find(UUID runId) {
        return select("WHERE id = ?", List.of(runId), 1).stream().findFirst();
    }

    /**
     * Runs newest first, at most {@code limit}, those before {@code after} (a cursor of {@link RunCursor#of}) when
     * given.
     */
    public List<RunView> newestFirst(RunCursor after, int limit) {
        return after == null
                ? select("", List.of(), limit)
                : select("WHERE (created_at, id) < (?, ?)", List.of(after.createdAt().atOffset(ZoneOffset.UTC),
                        after.id()), limit);
    }

    /** Runs matching {@code where}, newest first, each with its mailboxes' results (two queries in all). */
    private List<RunView> select(String where, List<Object> params, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement run = c.prepareStatement("SELECT id, trigger, created_at FROM "
                        + "import_run " + where + " ORDER BY created_at DESC, id DESC LIMIT ?");
                PreparedStatement mb = c.prepareStatement("SELECT run_id, mailbox_id, status, imported, duplicates, "
                        + "too_large, failed, actions, error_code, reason, started_at, finished_at, events_changed, replica FROM "
                        + "import_run_mailbox WHERE run_id = ANY (?) ORDER BY mailbox_id")) {
            for (int i = 0; i < params.size(); i++) {
                run.setObject(i + 1, params.get(i));
            }
            run.setInt(params.size() + 1, limit);
            record Row(UUID id, String trigger, Timestamp created) {
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = run.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3)));
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            mb.setArray(1, c.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
            Map<UUID, List<MailboxResult>> results = new HashMap<>();
            try (ResultSet rs = mb.executeQuery()) {
                while (rs.next()) {
                    Timestamp started = rs.getTimestamp(11);
                    Timestamp done = rs.getTimestamp(12);
                    results.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new MailboxResult(rs.getString(2), ImportStatus.valueOf(rs.getString(3)),
                                    rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                                    FailureCode.fromDatabase(rs.getString(9)), rs.getString(10),
                                    started == null ? null : started.toInstant(),
                                    done == null ? null : done.toInstant(), rs.getInt(13), rs.getString(14)));
                }
            }
            return rows.stream().map(r -> view(r.id(), r.trigger(), r.created().toInstant(),
                    results.getOrDefault(r.id(), List.of()))).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading runs failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * The run's status from its jobs, whichever replica answers: RUNNING while any job is queued or taken, then
     * FINISHED at the last job's end (a run without mailboxes at once).
     */
    private static RunView view(UUID id, String trigger, Instant created, List<MailboxResult> jobs) {
        boolean open = jobs.stream()
                .anyMatch(j -> j.status() == ImportStatus.PENDING || j.status() == ImportStatus.RUNNING);
        Instant finished = open
                ? null
                : jobs.stream().map(MailboxResult::finishedAt).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(created);
        return new RunView(id, trigger, open ? RunStatus.RUNNING : RunStatus.FINISHED, created, finished, jobs);
    }

    /** Runs one statement; the number of rows it changed. */
    int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Updating the run failed (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
