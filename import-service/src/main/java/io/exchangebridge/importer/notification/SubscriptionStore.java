package io.exchangebridge.importer.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code graph_subscription} rows, and the PostgreSQL advisory lock under which one replica at a time creates,
 * renews or deletes the subscription of an (account, kind): so there is one subscription per resource however many
 * replicas run the maintenance or receive a lifecycle notification.
 */
@ApplicationScoped
public class SubscriptionStore {

    private static final String COLUMNS = "mailbox_id, kind, credential_id, mailbox, source, resource, "
            + "subscription_id, client_state_hash, expires_at, status, failure";

    private final DataSource dataSource;

    public SubscriptionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} holding the lock of (account, kind) on one connection; empty when another holder has it (that
     * holder is doing the same work).
     */
    public <T> Optional<T> locked(String mailboxId, SubscriptionKind kind, Supplier<T> work) {
        try (Connection c = dataSource.getConnection()) {
            String key = "graph_subscription/" + mailboxId + "/" + kind;
            if (!bool(c, "SELECT pg_try_advisory_lock(hashtextextended(?, 0))", key)) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(work.get());
            } finally {
                bool(c, "SELECT pg_advisory_unlock(hashtextextended(?, 0))", key);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public Optional<SubscriptionRow> find(String mailboxId, SubscriptionKind kind) {
        return query("SELECT " + COLUMNS + " FROM graph_subscription WHERE mailbox_id = ? AND kind = ?", mailboxId,
                kind.name()).stream().findFirst();
    }

    public Optional<SubscriptionRow> bySubscriptionId(String subscriptionId) {
        return query("SELECT " + COLUMNS + " FROM graph_subscription WHERE subscription_id = ?", subscriptionId)
                .stream().findFirst();
    }

    public List<SubscriptionRow> all() {
        return query("SELECT " + COLUMNS + " FROM graph_subscription ORDER BY mailbox_id, kind");
    }

    /** Stores a subscription Graph has just created (replacing whatever the row held). */
    public void saveActive(SubscriptionRow r) {
        update("INSERT INTO graph_subscription (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "'ACTIVE', NULL, now()) ON CONFLICT (mailbox_id, kind) DO UPDATE SET credential_id = "
                + "EXCLUDED.credential_id, mailbox = EXCLUDED.mailbox, source = EXCLUDED.source, resource = "
                + "EXCLUDED.resource, subscription_id = EXCLUDED.subscription_id, client_state_hash = "
                + "EXCLUDED.client_state_hash, expires_at = EXCLUDED.expires_at, status = 'ACTIVE', failure = NULL, "
                + "updated_at = now()", r.mailboxId(), r.kind().name(), r.credentialId(), r.mailbox(), r.source(),
                r.resource(), r.subscriptionId(), r.clientStateHash(), Timestamp.from(r.expiresAt()));
    }

    /** Records that no subscription could be made; the account is polled and the next maintenance tries again. */
    public void saveFailed(String mailboxId, SubscriptionKind kind, String credentialId, String mailbox,
            String source, String failure) {
        update("INSERT INTO graph_subscription (mailbox_id, kind, credential_id, mailbox, source, resource, status, "
                + "failure, updated_at) VALUES (?, ?, ?, ?, ?, '', 'FAILED', ?, now()) ON CONFLICT (mailbox_id, kind) "
                + "DO UPDATE SET credential_id = EXCLUDED.credential_id, mailbox = EXCLUDED.mailbox, source = "
                + "EXCLUDED.source, resource = '', subscription_id = NULL, client_state_hash = NULL, expires_at = "
                + "NULL, status = 'FAILED', failure = EXCLUDED.failure, updated_at = now()", mailboxId, kind.name(),
                credentialId, mailbox, source, failure);
    }

    public void renewed(String mailboxId, SubscriptionKind kind, Instant expiresAt) {
        update("UPDATE graph_subscription SET expires_at = ?, failure = NULL, updated_at = now() WHERE mailbox_id = ? "
                + "AND kind = ?", Timestamp.from(expiresAt), mailboxId, kind.name());
    }

    /** Keeps the subscription (it still runs until it expires) but says why its renewal failed. */
    public void renewalFailed(String mailboxId, SubscriptionKind kind, String failure) {
        update("UPDATE graph_subscription SET failure = ?, updated_at = now() WHERE mailbox_id = ? AND kind = ?",
                failure, mailboxId, kind.name());
    }

    public void delete(String mailboxId, SubscriptionKind kind) {
        update("DELETE FROM graph_subscription WHERE mailbox_id = ? AND kind = ?", mailboxId, kind.name());
    }

    private List<SubscriptionRow> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, params);
                ResultSet rs = s.executeQuery()) {
            List<SubscriptionRow> rows = new ArrayList<>();
            while (rs.next()) {
                Timestamp expires = rs.getTimestamp("expires_at");
                rows.add(new SubscriptionRow(rs.getString("mailbox_id"), SubscriptionKind.valueOf(rs.getString("kind")),
                        rs.getString("credential_id"), rs.getString("mailbox"), rs.getString("source"),
                        rs.getString("resource"), rs.getString("subscription_id"), rs.getBytes("client_state_hash"),
                        expires == null ? null : expires.toInstant(), "ACTIVE".equals(rs.getString("status")),
                        rs.getString("failure")));
            }
            return rows;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static boolean bool(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, key); ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("Subscription query failed (SQL state " + e.getSQLState() + ")", e);
    }
}
