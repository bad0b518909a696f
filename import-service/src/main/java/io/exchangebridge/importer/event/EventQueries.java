package io.exchangebridge.importer.event;

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

import io.exchangebridge.importer.scope.MailboxScope;

/** The reads of {@link EventStore}: one event, and keyset pages in change order. */
final class EventQueries {

    private final DataSource dataSource;
    private final EventRows rows;

    EventQueries(DataSource dataSource, EventRows rows) {
        this.dataSource = dataSource;
        this.rows = rows;
    }

    Optional<EventView> find(String id, MailboxScope scope) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        StringBuilder sql = new StringBuilder("SELECT " + EventRows.COLUMNS + " FROM calendar_event WHERE id = ?");
        List<Object> params = new ArrayList<>(List.of(uuid));
        scope.restrict("mailbox_id", sql, params);
        return select(sql.toString(), params).stream().findFirst();
    }

    Optional<EventView> findByGraphId(String mailboxId, String graphId) {
        return select("SELECT " + EventRows.COLUMNS + " FROM calendar_event WHERE mailbox_id = ? AND graph_id = ?",
                List.of(mailboxId, graphId)).stream().findFirst();
    }

    /** One event, read on {@code c} (inside a write's transaction). */
    Optional<EventView> byId(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c
                .prepareStatement("SELECT " + EventRows.COLUMNS + " FROM calendar_event WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rows.view(rs)) : Optional.empty();
            }
        }
    }

    /**
     * A page in change order. The newest change is read first and bounds the page, so a page that is not full can end
     * its cursor there: every change up to it is committed (writes commit in sequence order), and any later one is
     * above it.
     */
    EventPage list(EventQuery q) {
        try (Connection c = dataSource.getConnection()) {
            long newest = newest(c);
            long after = q.cursor() == null ? 0 : q.cursor();
            StringBuilder sql = new StringBuilder("SELECT " + EventRows.COLUMNS + ", change_seq FROM calendar_event "
                    + "WHERE change_seq > ? AND change_seq <= ?");
            List<Object> params = new ArrayList<>(List.of(after, newest));
            q.scope().restrict("mailbox_id", sql, params);
            condition(sql, params, " AND mailbox_id = ?", q.mailbox());
            condition(sql, params, " AND end_at > ?", q.from() == null ? null : Timestamp.from(q.from()));
            condition(sql, params, " AND start_at < ?", q.to() == null ? null : Timestamp.from(q.to()));
            condition(sql, params, " AND changed_at >= ?",
                    q.changedSince() == null ? null : Timestamp.from(q.changedSince()));
            condition(sql, params, " AND client_id = ?", q.clientId());
            if (q.cursor() == null) {
                sql.append(" AND NOT deleted");
            }
            sql.append(" ORDER BY change_seq LIMIT ?");
            params.add(q.limit());
            List<EventView> items = new ArrayList<>();
            long last = after;
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(rows.view(rs));
                        last = rs.getLong("change_seq");
                    }
                }
            }
            long next = items.size() < q.limit() ? Math.max(last, newest) : last;
            return new EventPage(items, Long.toString(next));
        } catch (SQLException e) {
            throw EventStore.failed("Reading events", e);
        }
    }

    /** The change sequence of the newest committed change (0: none yet). */
    long newest() {
        try (Connection c = dataSource.getConnection()) {
            return newest(c);
        } catch (SQLException e) {
            throw EventStore.failed("Reading events", e);
        }
    }

    private static long newest(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(change_seq), 0) FROM calendar_event");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private List<EventView> select(String sql, List<Object> params) {
        List<EventView> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rows.view(rs));
                }
            }
        } catch (SQLException e) {
            throw EventStore.failed("Reading events", e);
        }
        return found;
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }
}
