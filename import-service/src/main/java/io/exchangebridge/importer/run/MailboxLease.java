package io.exchangebridge.importer.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One holder per mailbox across replicas, CronJob and scheduler: a row in {@code mailbox_lease} taken with one atomic
 * upsert that only succeeds when there is no lease, it expired, or we already hold it. A crashed holder's lease expires
 * after {@code importer.run.lease-duration}; a live holder renews it.
 */
@ApplicationScoped
public class MailboxLease {

    private final DataSource dataSource;

    public MailboxLease(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean acquire(String mailboxId, String holder, Duration duration) {
        return execute("INSERT INTO mailbox_lease (mailbox_id, holder, expires_at) "
                + "VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT (mailbox_id) DO UPDATE "
                + "SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
                + "WHERE mailbox_lease.expires_at < now() OR mailbox_lease.holder = EXCLUDED.holder RETURNING holder",
                mailboxId, holder, duration);
    }

    public boolean renew(String mailboxId, String holder, Duration duration) {
        return execute("UPDATE mailbox_lease SET expires_at = now() + make_interval(secs => ?) "
                + "WHERE mailbox_id = ? AND holder = ? RETURNING holder", duration, mailboxId, holder);
    }

    public void release(String mailboxId, String holder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c
                        .prepareStatement("DELETE FROM mailbox_lease WHERE mailbox_id = ? AND holder = ?")) {
            s.setString(1, mailboxId);
            s.setString(2, holder);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Lease release failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private boolean execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                s.setObject(i + 1, p instanceof Duration d ? d.toMillis() / 1000.0 : p);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Lease query failed (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
