package io.exchangebridge.importer.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Import runs and their per-mailbox results in PostgreSQL, visible to every replica. */
@ApplicationScoped
public class ImportRunRepository {

    private final DataSource dataSource;

    public ImportRunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public UUID create(String trigger, List<String> mailboxIds) {
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
                + "actions = ?, error_code = ?, reason = ?, started_at = coalesce(started_at, now()), finished_at = now() "
                + "WHERE run_id = ? AND mailbox_id = ?", r.status().name(), r.imported(), r.duplicates(), r.tooLarge(),
                r.failed(), r.actionsApplied(), r.errorCode() == null ? null : r.errorCode().name(), r.reason(), runId,
                r.mailboxId());
        update("UPDATE import_run SET finished_at = now() WHERE id = ? AND finished_at IS NULL AND NOT EXISTS "
                + "(SELECT 1 FROM import_run_mailbox WHERE run_id = ? AND status IN ('PENDING', 'RUNNING'))", runId,
                runId);
    }

    public Optional<RunView> find(UUID runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement run = c
                        .prepareStatement("SELECT trigger, created_at, finished_at FROM import_run WHERE id = ?");
                PreparedStatement mb = c.prepareStatement("SELECT mailbox_id, status, imported, duplicates, too_large, "
                        + "failed, actions, error_code, reason, started_at, finished_at FROM import_run_mailbox "
                        + "WHERE run_id = ? ORDER BY mailbox_id")) {
            run.setObject(1, runId);
            String trigger;
            Timestamp created;
            Timestamp finished;
            try (ResultSet rs = run.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                trigger = rs.getString(1);
                created = rs.getTimestamp(2);
                finished = rs.getTimestamp(3);
            }
            mb.setObject(1, runId);
            List<MailboxResult> results = new ArrayList<>();
            try (ResultSet rs = mb.executeQuery()) {
                while (rs.next()) {
                    Timestamp started = rs.getTimestamp(10);
                    Timestamp done = rs.getTimestamp(11);
                    results.add(new MailboxResult(rs.getString(1), ImportStatus.valueOf(rs.getString(2)), rs.getInt(3),
                            rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7),
                            FailureCode.fromDatabase(rs.getString(8)), rs.getString(9),
                            started == null ? null : started.toInstant(), done == null ? null : done.toInstant()));
                }
            }
            return Optional.of(new RunView(runId, trigger, finished == null ? RunStatus.RUNNING : RunStatus.FINISHED,
                    created.toInstant(), finished == null ? null : finished.toInstant(), results));
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the run failed (SQL state " + e.getSQLState() + ")", e);
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
