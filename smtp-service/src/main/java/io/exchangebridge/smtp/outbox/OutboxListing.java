package io.exchangebridge.smtp.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.route.Transport;

/** {@code GET /api/messages}: the outbox listed and searched, keyset-paged, never reading bodies. */
@ApplicationScoped
public class OutboxListing {

    private final DataSource dataSource;

    public OutboxListing(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A page of the outbox, newest first (by {@code createdAt}, then id), without bodies. Text filters match
     * case-insensitively anywhere in the value (a recipient: in any of the envelope's recipients).
     */
    public MessagePage list(MessageQuery q) {
        StringBuilder sql = new StringBuilder("SELECT id, status, mail_from, recipients, subject, created_at,"
                + " sent_at, attempts, next_attempt_at, last_reply, explanation, transport, message_id,"
                + " idempotency_key FROM outbox_message WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.submittedBy() != null) {
            sql.append(" AND submitted_by = ?");
            args.add(q.submittedBy());
        }
        if (q.sender() != null) {
            sql.append(" AND strpos(lower(mail_from), lower(?)) > 0");
            args.add(q.sender());
        }
        if (q.recipient() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM unnest(recipients) r WHERE strpos(lower(r), lower(?)) > 0)");
            args.add(q.recipient());
        }
        if (q.subject() != null) {
            sql.append(" AND strpos(lower(subject), lower(?)) > 0");
            args.add(q.subject());
        }
        if (!q.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(String.join(", ", q.statuses().stream().map(x -> "?").toList()))
                    .append(")");
            q.statuses().forEach(x -> args.add(x.name()));
        }
        if (q.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(Timestamp.from(q.to()));
        }
        if (q.idempotencyKey() != null) {
            sql.append(" AND idempotency_key = ?");
            args.add(q.idempotencyKey());
        }
        if (q.after() != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(q.after().createdAt()));
            args.add(q.after().id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(q.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<ListedMessage> items = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(listed(rs));
                }
            }
            String next = null;
            if (items.size() > q.limit()) {
                items = new ArrayList<>(items.subList(0, q.limit()));
                ListedMessage last = items.get(items.size() - 1);
                next = new MessageQuery.Cursor(last.createdAt(), last.id()).encode();
            }
            return new MessagePage(items, next);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list messages", e);
        }
    }

    private static ListedMessage listed(ResultSet rs) throws SQLException {
        MessageStatus status = MessageStatus.valueOf(rs.getString(2));
        // the time of the next attempt only means something while one is to come
        Instant next = status == MessageStatus.QUEUED || status == MessageStatus.RETRYING
                ? OutboxStore.instant(rs.getTimestamp(9))
                : null;
        String transport = rs.getString(12);
        return new ListedMessage(rs.getObject(1, UUID.class), status, rs.getString(3), OutboxStore.list(rs.getArray(4)),
                rs.getString(5), OutboxStore.instant(rs.getTimestamp(6)), OutboxStore.instant(rs.getTimestamp(7)),
                rs.getInt(8), next,
                rs.getString(10), rs.getString(11), transport == null ? null : Transport.valueOf(transport),
                rs.getString(13), rs.getString(14));
    }
}
