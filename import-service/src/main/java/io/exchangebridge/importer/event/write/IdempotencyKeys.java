package io.exchangebridge.importer.event.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code event_write} table: an Idempotency-Key is claimed (committed) before Graph is called, completed with
 * Graph's event id after the store has the event, and released only when Graph refused the very first attempt (then
 * nothing was created and the key may be used again).
 */
@ApplicationScoped
class IdempotencyKeys {

    /** What a claim found: a new key, an earlier attempt whose outcome is unknown, or a finished create. */
    sealed interface Claim {
        /** First use of the key. */
        record Fresh() implements Claim {
        }

        /** An earlier attempt with the same request got no answer through (or crashed): send it again. */
        record Unfinished() implements Claim {
        }

        /** The key made the Graph event {@code graphId}. */
        record Done(String graphId) implements Claim {
        }
    }

    private final DataSource dataSource;

    IdempotencyKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims {@code key} of {@code accountId} for a request with fingerprint {@code sha256} by {@code principal}; a
     * {@link EventWriteFailure.KeyReused} when the key was used for another request or by another principal.
     */
    Claim claim(String accountId, String key, String sha256, String principal) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO event_write (mailbox_id, idempotency_key, "
                    + "request_sha256, principal) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, accountId);
                insert.setString(2, key);
                insert.setString(3, sha256);
                insert.setString(4, principal);
                if (insert.executeUpdate() == 1) {
                    return new Claim.Fresh();
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT request_sha256, principal, graph_id FROM "
                    + "event_write WHERE mailbox_id = ? AND idempotency_key = ?")) {
                select.setString(1, accountId);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        // released between our insert and select by a refused first attempt: claim it again
                        return claim(accountId, key, sha256, principal);
                    }
                    if (!sha256.equals(rs.getString(1)) || !principal.equals(rs.getString(2))) {
                        throw new EventWriteFailure.KeyReused(accountId);
                    }
                    String graphId = rs.getString(3);
                    return graphId == null ? new Claim.Unfinished() : new Claim.Done(graphId);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Claiming an idempotency key failed (SQL state " + e.getSQLState() + ")",
                    e);
        }
    }

    /** The key's create made {@code graphId}. */
    void complete(String accountId, String key, String graphId) {
        update("UPDATE event_write SET graph_id = ?, completed_at = now() WHERE mailbox_id = ? AND idempotency_key = ?",
                graphId, accountId, key);
    }

    /** Graph refused the key's first attempt: nothing exists, the key is free again. */
    void release(String accountId, String key) {
        update("DELETE FROM event_write WHERE graph_id IS NULL AND mailbox_id = ? AND idempotency_key = ?", accountId,
                key);
    }

    private void update(String sql, String... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Updating an idempotency key failed (SQL state " + e.getSQLState() + ")",
                    e);
        }
    }
}
