package io.exchangebridge.importer.message;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.scope.MailboxScope;

/**
 * Imported messages as internal clients get them: keyset pages of metadata, one message, its raw MIME streamed from the
 * large object in 64 KiB chunks, the acknowledgement, and the purge of acknowledged messages. What {@link MessageStore}
 * wrote.
 */
@ApplicationScoped
public class MessageDelivery {

    private static final int CHUNK = 64 * 1024;
    private static final String COLUMNS = "id, mailbox_id, graph_id, internet_message_id, subject, from_address, "
            + "to_addresses, cc_addresses, sent_at, size_bytes, sha256, attachments, status, imported_at, acked_at";

    private final DataSource dataSource;
    private final ObjectMapper json;

    public MessageDelivery(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Messages of the mailboxes in {@code scope} with id greater than {@code after}, oldest first (keyset paging; the
     * scope is part of the query, so pages stay full).
     */
    public List<MessageView> list(MailboxScope scope, String mailboxId, String status, Instant since, long after,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM message WHERE id > ?");
        List<Object> params = new ArrayList<>();
        params.add(after);
        within(scope, sql, params);
        if (mailboxId != null) {
            sql.append(" AND mailbox_id = ?");
            params.add(mailboxId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (since != null) {
            sql.append(" AND imported_at >= ?");
            params.add(Timestamp.from(since));
        }
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        List<MessageView> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(view(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed (SQL state " + e.getSQLState() + ")", e);
        }
        return result;
    }

    /** A message, whatever its mailbox (the webhook outbox). */
    public Optional<MessageView> find(long id) {
        return find(id, MailboxScope.ALL);
    }

    /** A message of a mailbox in {@code scope}; empty when there is none, or its mailbox is outside the scope. */
    public Optional<MessageView> find(long id, MailboxScope scope) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM message WHERE id = ?");
        List<Object> params = new ArrayList<>(List.of(id));
        within(scope, sql, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** What to do with the raw MIME of a message, read from the large object as a stream. */
    @FunctionalInterface
    public interface RawReader {
        void read(InputStream mime) throws IOException;
    }

    /** Streams the raw MIME of message {@code id} to {@code reader}; false when there is no such message. */
    public boolean readRaw(long id, RawReader reader) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long oid;
                try (PreparedStatement s = c.prepareStatement("SELECT raw_oid FROM message WHERE id = ?")) {
                    s.setLong(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                        oid = rs.getLong(1);
                    }
                }
                LargeObject lo = c.unwrap(PGConnection.class).getLargeObjectAPI().open(oid, LargeObjectManager.READ);
                try (InputStream in = new BufferedInputStream(lo.getInputStream(), CHUNK)) {
                    reader.read(in);
                } finally {
                    lo.close();
                }
                return true;
            } finally {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IOException("Reading the message failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Marks a message of a mailbox in {@code scope} acknowledged; false when there is no such message in scope. */
    public boolean ack(long id, MailboxScope scope) {
        StringBuilder sql = new StringBuilder(
                "UPDATE message SET status = 'ACKED', acked_at = coalesce(acked_at, now()) WHERE id = ?");
        List<Object> params = new ArrayList<>(List.of(id));
        within(scope, sql, params);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Update failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Narrows a query on {@code message} to the mailboxes in {@code scope}. */
    private static void within(MailboxScope scope, StringBuilder sql, List<Object> params) {
        scope.restrict("mailbox_id", sql, params);
    }

    /** Deletes acknowledged messages (rows and large objects) acknowledged before {@code cutoff}. */
    public int purgeAcknowledgedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("WITH gone AS (DELETE FROM message WHERE status = 'ACKED' "
                    + "AND acked_at < ? RETURNING raw_oid) SELECT lo_unlink(raw_oid) FROM gone")) {
                s.setTimestamp(1, Timestamp.from(cutoff));
                int purged = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        purged++;
                    }
                }
                c.commit();
                return purged;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Purge failed (SQL state " + e.getSQLState() + ")", e);
        }
    }

    private MessageView view(ResultSet rs) throws SQLException {
        List<MimeMetadata.Attachment> attachments = read(rs.getString("attachments"),
                new TypeReference<List<MimeMetadata.Attachment>>() {
                });
        List<MessageView.AttachmentView> views = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            views.add(new MessageView.AttachmentView(i, attachments.get(i).name(), attachments.get(i).contentType()));
        }
        Timestamp sent = rs.getTimestamp("sent_at");
        Timestamp acked = rs.getTimestamp("acked_at");
        return new MessageView(rs.getLong("id"), rs.getString("mailbox_id"), rs.getString("graph_id"),
                rs.getString("internet_message_id"), rs.getString("subject"), rs.getString("from_address"),
                read(rs.getString("to_addresses"), new TypeReference<List<String>>() {
                }), read(rs.getString("cc_addresses"), new TypeReference<List<String>>() {
                }), sent == null ? null : sent.toInstant(), rs.getLong("size_bytes"), rs.getString("sha256"), views,
                rs.getString("status"), rs.getTimestamp("imported_at").toInstant(),
                acked == null ? null : acked.toInstant());
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs an update of the message row {@code id}; the number of rows changed. */
    static int update(DataSource dataSource, String sql, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Update failed (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
