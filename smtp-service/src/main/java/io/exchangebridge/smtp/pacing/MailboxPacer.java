package io.exchangebridge.smtp.pacing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.config.RelayConfig;

/**
 * At most {@code relay.pacing.messages-per-minute} sends per mailbox in any sliding minute, across replicas: slots are
 * rows in PostgreSQL, taken under a transaction-scoped advisory lock per mailbox.
 */
@ApplicationScoped
public class MailboxPacer {

    private final DataSource dataSource;
    private final RelayConfig config;

    public MailboxPacer(DataSource dataSource, RelayConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Takes a send slot for the mailbox; empty when taken, else the time when one frees up. */
    public Optional<Instant> tryTake(String mailbox) {
        int limit = config.pacing().messagesPerMinute();
        if (limit <= 0) {
            return Optional.empty();
        }
        String key = mailbox.toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "pacing:" + key);
                    lock.execute();
                }
                try (PreparedStatement prune = c.prepareStatement(
                        "DELETE FROM mailbox_send_slot WHERE mailbox = ? AND taken_at <= now() - interval '1 minute'")) {
                    prune.setString(1, key);
                    prune.executeUpdate();
                }
                Optional<Instant> wait;
                try (PreparedStatement count = c.prepareStatement(
                        "SELECT count(*), min(taken_at) + interval '1 minute' FROM mailbox_send_slot WHERE mailbox = ?")) {
                    count.setString(1, key);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        wait = rs.getInt(1) >= limit ? Optional.of(rs.getTimestamp(2).toInstant()) : Optional.empty();
                    }
                }
                if (wait.isEmpty()) {
                    try (PreparedStatement take = c.prepareStatement(
                            "INSERT INTO mailbox_send_slot (mailbox, taken_at) VALUES (?, now())")) {
                        take.setString(1, key);
                        take.executeUpdate();
                    }
                }
                c.commit();
                return wait;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take a pacing slot", e);
        }
    }
}
