package io.exchangebridge.smtp.pacing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.config.RelayConfig;
import io.quarkus.logging.Log;

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

    /** A send slot taken at {@code takenAt} (null with pacing off), or none free before {@code waitUntil}. */
    public record Slot(Instant takenAt, Instant waitUntil) {

        public boolean taken() {
            return waitUntil == null;
        }
    }

    /** Takes a send slot for the mailbox, or answers when one frees up. */
    public Slot tryTake(String mailbox) {
        int limit = config.pacing().messagesPerMinute();
        if (limit <= 0) {
            return new Slot(null, null);
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
                Instant takenAt = null;
                if (wait.isEmpty()) {
                    try (PreparedStatement take = c.prepareStatement(
                            "INSERT INTO mailbox_send_slot (mailbox, taken_at) VALUES (?, now()) RETURNING taken_at")) {
                        take.setString(1, key);
                        try (ResultSet rs = take.executeQuery()) {
                            rs.next();
                            takenAt = rs.getTimestamp(1).toInstant();
                        }
                    }
                }
                c.commit();
                return new Slot(takenAt, wait.orElse(null));
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

    /**
     * Moves the slot to the end of its send. Exchange counts a message when it receives it, which is after the slot was
     * taken by however long the connection, AUTH and transfer took; a slot that lasts a minute from the end of its send
     * covers that, so Exchange never sees more than the limit in a minute. Slots of one mailbox differ only in their
     * time, so any one with this time is this slot.
     */
    public void sent(String mailbox, Slot slot) {
        if (slot.takenAt() == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE mailbox_send_slot SET taken_at = now() WHERE ctid ="
                        + " (SELECT ctid FROM mailbox_send_slot WHERE mailbox = ? AND taken_at = ? LIMIT 1)")) {
            s.setString(1, mailbox.toLowerCase(Locale.ROOT));
            s.setTimestamp(2, Timestamp.from(slot.takenAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            // the slot keeps its take time: pacing is then only as exact as before
            Log.warnf("Could not move the pacing slot of %s to the end of its send: %s", mailbox, e.getMessage());
        }
    }
}
