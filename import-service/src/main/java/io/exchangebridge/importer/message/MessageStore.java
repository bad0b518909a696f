package io.exchangebridge.importer.message;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Imported messages in PostgreSQL. The raw MIME goes into a large object, written and read in 64 KiB chunks, so no
 * message is ever held in memory; the row (with {@code action_pending}) is the import receipt, committed together with
 * the large object. Plain JDBC because large objects need the driver's API on a connection of our own. Reading them for
 * internal clients is {@link MessageDelivery}'s.
 */
@ApplicationScoped
public class MessageStore {

    /** An existing receipt for a Graph message. */
    public record Receipt(long id, String graphId, boolean actionPending) {
    }

    /** The outcome of {@link #store}: the new row's id, or empty when it was a duplicate. */
    /** A stored copy; {@code webhookQueued}: the mailbox has a webhook, and its delivery was queued with it. */
    public record Stored(Optional<Long> id, String sha256, long size, boolean webhookQueued) {
    }

    private static final int CHUNK = 64 * 1024;

    private final DataSource dataSource;
    private final ObjectMapper json;

    public MessageStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Streams {@code mime} into a new large object, computing SHA-256 and size, parses the metadata from the stored
     * copy, and commits it with the receipt. A duplicate (same Graph id or Message-ID in the mailbox, for instance
     * stored meanwhile by another instance) rolls everything back. {@code runId}: the import run storing it, if any.
     */
    public Stored store(String mailboxId, String graphId, String graphMessageId, InputStream mime,
            boolean actionPending, UUID runId) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
                long oid = lom.createLO(LargeObjectManager.READWRITE);
                MessageDigest sha = sha256();
                long size = 0;
                LargeObject lo = lom.open(oid, LargeObjectManager.WRITE);
                try (OutputStream out = lo.getOutputStream()) {
                    byte[] buffer = new byte[CHUNK];
                    int n;
                    while ((n = mime.read(buffer)) >= 0) {
                        sha.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        size += n;
                    }
                }
                String digest = HexFormat.of().formatHex(sha.digest());
                MimeMetadata meta = scan(lom, oid);
                String messageId = meta.messageId() != null ? meta.messageId() : graphMessageId;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO message (mailbox_id, graph_id, "
                        + "internet_message_id, subject, from_address, to_addresses, cc_addresses, sent_at, size_bytes,"
                        + " sha256, raw_oid, attachments, status, action_pending, imported_at, run_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW', ?, now(), ?) "
                        + "ON CONFLICT DO NOTHING RETURNING id")) {
                    insert.setString(1, mailboxId);
                    insert.setString(2, graphId);
                    insert.setString(3, messageId);
                    insert.setString(4, meta.subject());
                    insert.setString(5, meta.from());
                    insert.setString(6, json.writeValueAsString(meta.to()));
                    insert.setString(7, json.writeValueAsString(meta.cc()));
                    insert.setTimestamp(8, meta.date() == null ? null : Timestamp.from(meta.date()));
                    insert.setLong(9, size);
                    insert.setString(10, digest);
                    insert.setLong(11, oid);
                    insert.setString(12, json.writeValueAsString(meta.attachments()));
                    insert.setBoolean(13, actionPending);
                    insert.setObject(14, runId);
                    try (ResultSet rs = insert.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return new Stored(Optional.empty(), digest, size, false);
                        }
                        long id = rs.getLong(1);
                        try (PreparedStatement outbox = c.prepareStatement("INSERT INTO webhook_delivery "
                                + "(message_id, mailbox_id, next_attempt_at) SELECT ?, id, now() FROM mailbox "
                                + "WHERE id = ? AND webhook_url IS NOT NULL")) {
                            outbox.setLong(1, id);
                            outbox.setString(2, mailboxId);
                            boolean queued = outbox.executeUpdate() > 0;
                            c.commit();
                            return new Stored(Optional.of(id), digest, size, queued);
                        }
                    }
                }
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("Storing the message failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private static MimeMetadata scan(LargeObjectManager lom, long oid) throws SQLException {
        LargeObject lo = lom.open(oid, LargeObjectManager.READ);
        try (InputStream in = new BufferedInputStream(lo.getInputStream(), CHUNK)) {
            return MimeScanner.scan(in);
        } catch (IOException | RuntimeException e) {
            Log.warnf("Message could not be parsed (%s); stored with empty metadata", e.getClass().getSimpleName());
            return new MimeMetadata(null, null, null, List.of(), List.of(), null, List.of());
        } finally {
            lo.close();
        }
    }

    public Optional<Receipt> receipt(String mailboxId, String graphId) {
        return queryOne("SELECT id, graph_id, action_pending FROM message WHERE mailbox_id = ? AND graph_id = ?",
                mailboxId, graphId);
    }

    public Optional<Receipt> receiptByMessageId(String mailboxId, String internetMessageId) {
        return queryOne("SELECT id, graph_id, action_pending FROM message WHERE mailbox_id = ? "
                + "AND internet_message_id = ?", mailboxId, internetMessageId);
    }

    /** Receipts whose after-import action has not been confirmed (a crash, or an action that failed). */
    public List<Receipt> pendingActions(String mailboxId) {
        List<Receipt> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, graph_id, action_pending FROM message "
                        + "WHERE mailbox_id = ? AND action_pending ORDER BY id")) {
            s.setString(1, mailboxId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Receipt(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed (SQL state " + e.getSQLState() + ")", e);
        }
        return result;
    }

    public void actionDone(long id) {
        update("UPDATE message SET action_pending = false WHERE id = ?", id);
    }

    private Optional<Receipt> queryOne(String sql, String a, String b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, a);
            s.setString(2, b);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Receipt(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private int update(String sql, long id) {
        return MessageDelivery.update(dataSource, sql, id);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
