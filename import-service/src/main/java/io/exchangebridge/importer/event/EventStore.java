package io.exchangebridge.importer.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.calendar.EventSink;
import io.exchangebridge.importer.calendar.GraphEvent;
import io.exchangebridge.importer.scope.MailboxScope;

/**
 * Synced and written events in PostgreSQL, with the change sequence of the change feed. Every write takes one
 * transaction-level lock before it draws from {@code calendar_event_change_seq}, so sequence order is commit order and
 * a reader who saw change n can never later find a committed change below n. {@code change_seq} moves only when the
 * stored content (content hash) really changed, or on an undelete or delete: applying the same Graph state twice is a
 * no-op, which makes sync reruns after a crash safe. Each change writes its webhook to the outbox in its transaction.
 */
@ApplicationScoped
public class EventStore implements EventSink {

    /** The result of {@link #upsert}: the stored event, and whether this call changed it (a new change). */
    public record Applied(EventView view, boolean changed) {
    }

    /** Key of the advisory lock that orders all writes of {@code calendar_event}. */
    private static final long ORDER_LOCK = 0x4562_0017L;

    private final DataSource dataSource;
    private final EventRows rows;
    private final EventQueries queries;

    public EventStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.rows = new EventRows(json);
        this.queries = new EventQueries(dataSource, rows);
    }

    /**
     * Inserts or updates from a Graph event (UTC times); bumps change_seq only on a real change. Keeps a known clientId
     * when the Graph event carries none.
     */
    public EventView apply(String mailboxAccountId, GraphEvent event, String clientId) {
        return upsert(mailboxAccountId, event, clientId).view();
    }

    /** {@link #apply}, telling whether it was a change. */
    public Applied upsert(String mailboxId, GraphEvent event, String clientId) {
        return inTransaction(c -> {
            Optional<Existing> existing = existing(c, mailboxId, event.id());
            String client = clientId != null ? clientId : existing.map(Existing::clientId).orElse(null);
            EventRows.Content content = EventRows.content(mailboxId, event, client);
            String hash = rows.hash(content);
            if (existing.isPresent() && !existing.get().deleted() && existing.get().hash().equals(hash)) {
                if (existing.get().outOfWindow()) {
                    update(c, "UPDATE calendar_event SET out_of_window = false WHERE id = ?", existing.get().id());
                }
                return new Applied(stored(content.view(), existing.get().id(), false, existing.get().changedAt()),
                        false);
            }
            long seq = nextSeq(c);
            Instant now = now();
            UUID id = existing.map(Existing::id).orElseGet(UUID::randomUUID);
            String sql = existing.isPresent()
                    ? "UPDATE calendar_event SET (" + EventRows.CONTENT + ", content_hash, change_seq, changed_at, "
                            + "deleted, out_of_window) = (" + marks(EventRows.CONTENT_COUNT + 3)
                            + ", false, false) WHERE id = ?"
                    : "INSERT INTO calendar_event (" + EventRows.CONTENT + ", content_hash, change_seq, changed_at, "
                            + "id, mailbox_id, graph_id) VALUES (" + marks(EventRows.CONTENT_COUNT + 6) + ")";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                rows.bind(s, 1, content);
                int i = EventRows.CONTENT_COUNT + 1;
                s.setString(i++, hash);
                s.setLong(i++, seq);
                s.setTimestamp(i++, Timestamp.from(now));
                s.setObject(i++, id);
                if (existing.isEmpty()) {
                    s.setString(i++, mailboxId);
                    s.setString(i, event.id());
                }
                s.executeUpdate();
            }
            EventView view = stored(content.view(), id, false, now);
            outbox(c, view, existing.isEmpty() || existing.get().deleted() ? "event.created" : "event.updated");
            return new Applied(view, true);
        });
    }

    @Override
    public boolean synced(String mailboxId, GraphEvent event) {
        return upsert(mailboxId, event, null).changed();
    }

    @Override
    public boolean removed(String mailboxId, String graphId) {
        return delete(mailboxId, graphId).map(Applied::changed).orElse(false);
    }

    @Override
    public Optional<String> storedType(String mailboxId, String graphId) {
        return queries.findByGraphId(mailboxId, graphId).filter(e -> !e.deleted()).map(EventView::type);
    }

    @Override
    public void leftWindow(String mailboxId, String graphId) {
        inTransaction(c -> update(c, "UPDATE calendar_event SET out_of_window = true WHERE mailbox_id = ? "
                + "AND graph_id = ?", mailboxId, graphId));
    }

    /** Marks deleted (bumps change_seq once). */
    public Optional<EventView> markDeleted(String mailboxAccountId, String graphId) {
        return delete(mailboxAccountId, graphId).map(Applied::view);
    }

    private Optional<Applied> delete(String mailboxAccountId, String graphId) {
        return inTransaction(c -> {
            Optional<Existing> existing = existing(c, mailboxAccountId, graphId);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            if (!existing.get().deleted()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE calendar_event SET deleted = true, "
                        + "out_of_window = false, change_seq = ?, changed_at = ? WHERE id = ?")) {
                    s.setLong(1, nextSeq(c));
                    s.setTimestamp(2, Timestamp.from(now()));
                    s.setObject(3, existing.get().id());
                    s.executeUpdate();
                }
            }
            EventView view = queries.byId(c, existing.get().id()).orElseThrow();
            if (!existing.get().deleted()) {
                outbox(c, view, "event.deleted");
            }
            return Optional.of(new Applied(view, !existing.get().deleted()));
        });
    }

    public Optional<EventView> find(String id, MailboxScope scope) {
        return queries.find(id, scope);
    }

    public Optional<EventView> findByGraphId(String mailboxAccountId, String graphId) {
        return queries.findByGraphId(mailboxAccountId, graphId);
    }

    /** A page of the change feed or of current events, see {@link EventQuery}. */
    public EventPage list(EventQuery query) {
        return queries.list(query);
    }

    @Override
    public long position() {
        return queries.newest();
    }

    /**
     * Ends a full sync round of a window: every event of the mailbox that the round did not return (and that was not
     * changed since the round began) is deleted in Exchange if it overlaps the window, and left behind as out-of-window
     * (not reported deleted) otherwise. Returns the number of deletions.
     */
    @Override
    public int reconcile(String mailboxId, Set<String> seen, Instant windowStart, Instant windowEnd,
            long roundStart) {
        record Row(String graphId, Timestamp start, Timestamp end) {
        }
        List<Row> unseen = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT graph_id, start_at, end_at FROM calendar_event "
                        + "WHERE mailbox_id = ? AND NOT deleted AND change_seq <= ?")) {
            s.setString(1, mailboxId);
            s.setLong(2, roundStart);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (!seen.contains(rs.getString(1))) {
                        unseen.add(new Row(rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw failed("Reading events", e);
        }
        int deleted = 0;
        for (Row r : unseen) {
            boolean inWindow = r.start() == null || r.end() == null
                    || r.end().toInstant().isAfter(windowStart) && r.start().toInstant().isBefore(windowEnd);
            if (inWindow) {
                deleted += removed(mailboxId, r.graphId()) ? 1 : 0;
            } else {
                leftWindow(mailboxId, r.graphId());
            }
        }
        return deleted;
    }

    private record Existing(UUID id, String hash, boolean deleted, boolean outOfWindow, String clientId,
            Instant changedAt) {
    }

    private static Optional<Existing> existing(Connection c, String mailboxId, String graphId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, content_hash, deleted, out_of_window, client_id, "
                + "changed_at FROM calendar_event WHERE mailbox_id = ? AND graph_id = ? FOR UPDATE")) {
            s.setString(1, mailboxId);
            s.setString(2, graphId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Existing(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3),
                                rs.getBoolean(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                        : Optional.empty();
            }
        }
    }

    private static EventView stored(EventView v, UUID id, boolean deleted, Instant changedAt) {
        return new EventView(id.toString(), v.mailbox(), v.graphId(), v.iCalUId(), v.type(), v.seriesId(),
                v.subject(), v.start(), v.end(), v.originalStartTimeZone(), v.isAllDay(), v.location(),
                v.organizer(), v.attendees(), v.showAs(), v.sensitivity(), v.categories(), v.onlineMeetingUrl(),
                v.isCancelled(), v.lastModified(), v.changeKey(), v.clientId(), deleted, changedAt);
    }

    /** The next change sequence; callers hold the order lock (see {@link #inTransaction}). */
    private static long nextSeq(Connection c) throws SQLException {
        try (PreparedStatement seq = c.prepareStatement("SELECT nextval('calendar_event_change_seq')")) {
            try (ResultSet rs = seq.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The event webhook of a change, when the account has a webhook. */
    private void outbox(Connection c, EventView view, String type) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_webhook_delivery (event_id, mailbox_id, type, "
                + "body, next_attempt_at) SELECT ?, id, ?, ?, now() FROM mailbox WHERE id = ? "
                + "AND webhook_url IS NOT NULL")) {
            s.setObject(1, UUID.fromString(view.id()));
            s.setString(2, type);
            s.setString(3, rows.write(new EventWebhookBody(type, view)));
            s.setString(4, view.mailbox());
            s.executeUpdate();
        }
    }

    /** Now, at the database's precision (so that answers equal what a later read returns). */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction that first takes the order lock: writes of events are serialized (each is a
     * few statements), so no two writers race on a new event and sequence order is commit order.
     */
    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, ORDER_LOCK);
                    lock.execute();
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("Writing the event", e);
        }
    }

    static IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(what + " failed (SQL state " + e.getSQLState() + ")", e);
    }
}
