package io.exchangebridge.importer.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.audit.AuditTrail;

/** Import runs and their per-mailbox results in PostgreSQL, visible to every replica. */
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
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement run = c
                    .prepareStatement(
                            "INSERT INTO import_run (id, trigger, created_at, finished_at) VALUES (?, ?, now(), "
                                    + (mailboxIds.isEmpty() ? "now()" : "NULL") + ")");
                    PreparedStatement mb = c.prepareStatement(
                            "INSERT INTO import_run_mailbox (run_id, mailbox_id, status) VALUES (?, ?, 'PENDING')")) {
                run.setObject(1, id);
                run.setString(2, trigger);
                run.executeUpdate();
                for (String m : mailboxIds) {
                    mb.setObject(1, id);
                    mb.setString(2, m);
                    mb.addBatch();
                }
                mb.executeBatch();
                if (auditDetail != null) {
                    audit.record(c, "import.start", id.toString(), auditDetail, "OK");
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Creating the run failed (SQL state " + e.getSQLState() + ")", e);
        }
        return id;
    }

    public void running(UUID runId, String mailboxId) {
        update("UPDATE import_run_mailbox SET status = 'RUNNING', started_at = now() WHERE run_id = ? AND mailbox_id = ?",
                runId, mailboxId);
    }

    public void finish(UUID runId, MailboxResult r) {
        update("UPDATE import_run_mailbox SET status = ?, imported = ?, duplicates = ?, too_large = ?, failed = ?, "
                + "actions = ?, error_code = ?, reason = ?, events_changed = ?, started_at = coalesce(started_at, now()), "
                + "finished_at = now() WHERE run_id = ? AND mailbox_id = ?", r.status().name(), r.imported(),
                r.duplicates(), r.tooLarge(), r.failed(), r.actionsApplied(),
                r.errorCode() == null ? null : r.errorCode().name(), r.reason(), r.eventsChanged(), runId,
                r.mailboxId());
        update("UPDATE import_run SET finished_at = now() WHERE id = ? AND finished_at IS NULL AND NOT EXISTS "
                + "(SELECT 1 FROM import_run_mailbox WHERE run_id = ? AND status IN ('PENDING', 'RUNNING'))", runId,
                runId);
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
                PreparedStatement run = c.prepareStatement("SELECT id, trigger, created_at, finished_at FROM "
                        + "import_run " + where + " ORDER BY created_at DESC, id DESC LIMIT ?");
                PreparedStatement mb = c.prepareStatement("SELECT run_id, mailbox_id, status, imported, duplicates, "
                        + "too_large, failed, actions, error_code, reason, started_at, finished_at, events_changed FROM "
                        + "import_run_mailbox WHERE run_id = ANY (?) ORDER BY mailbox_id")) {
            for (int i = 0; i < params.size(); i++) {
                run.setObject(i + 1, params.get(i));
            }
            run.setInt(params.size() + 1, limit);
            record Row(UUID id, String trigger, Timestamp created, Timestamp finished) {
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = run.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3),
                            rs.getTimestamp(4)));
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
                                    done == null ? null : done.toInstant(), rs.getInt(13)));
                }
            }
            return rows.stream()
                    .map(r -> new RunView(r.id(), r.trigger(),
                            r.finished() == null ? RunStatus.RUNNING : RunStatus.FINISHED, r.created().toInstant(),
                            r.finished() == null ? null : r.finished().toInstant(),
                            results.getOrDefault(r.id(), List.of())))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading runs failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Updating the run failed (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
