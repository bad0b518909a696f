package io.exchangebridge.smtp.outbox;

import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.tracing.Traceparent;
import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.exchangebridge.smtp.jdbc.Transactions;
import io.exchangebridge.smtp.route.Transport;
import io.exchangebridge.smtp.statushook.StatusEvents;

/**
 * The durable outbox in PostgreSQL. Workers of every replica claim due messages with {@code FOR UPDATE SKIP LOCKED}, so
 * no message is claimed twice while a claim holds.
 */
@ApplicationScoped
public class OutboxStore {

    private static final String COLUMNS = "id, status, mail_from, recipients, message_id, attempts, last_reply,"
            + " explanation, created_at, updated_at, sent_at, next_attempt_at, submitted_by";

    private static final String INSERT = """
            INSERT INTO outbox_message (id, submitted_by, idempotency_key, request_hash, mail_from, recipients,
                message_id, mime, subject, traceparent, status, attempts, next_attempt_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, now(), now(), now())
            ON CONFLICT (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            """;

    /** The insert and the status webhook's {@code message.accepted}, in one statement (its count is the events'). */
    private static final String INSERT_ACCEPTED = "WITH ins AS (" + INSERT + StatusEvents.returning("outbox_message")
            + ") "
            + StatusEvents.insertFor("ins", StatusEvents.ACCEPTED);

    /** The same, answering whether the message was inserted (1) or its idempotency key was taken (0). */
    private static final String INSERT_ACCEPTED_COUNTED = "WITH ins AS (" + INSERT
            + StatusEvents.returning("outbox_message") + "), ev AS ("
            + StatusEvents.insertFor("ins", StatusEvents.ACCEPTED) + ") SELECT count(*) FROM ins";

    /**
     * The due messages a claim takes ({@code LIMIT ?}). The first condition repeats the due index's predicate word for
     * word: PostgreSQL does not infer it from the OR below, and without it planned a scan of the whole outbox (every
     * SENT message kept) and a sort for every claim, the largest share of its CPU per message under load.
     */
    static final String CLAIMABLE = """
            SELECT id FROM outbox_message
            WHERE status IN ('QUEUED', 'RETRYING', 'SENDING', 'DEFERRED')
              AND ((status IN ('QUEUED', 'RETRYING', 'DEFERRED') AND next_attempt_at <= now())
                OR (status = 'SENDING' AND claimed_until < now()))
            ORDER BY next_attempt_at
            LIMIT ?
            FOR UPDATE SKIP LOCKED
            """;

    private final DataSource dataSource;
    /** Messages without an idempotency key or other work alongside, stored together when they arrive together. */
    private final GroupCommit<Insert> inserts = new GroupCommit<>(this::insertAll,
            OutboxStore::refusedValue);

    public OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code traceparent}: the submitting request's, taken on its thread (a group commit writes on another). */
    private record Insert(UUID id, NewMessage message, String traceparent) {
    }

    /**
     * Stores a message (committed when this returns). With an idempotency key already used by the same submitter, the
     * earlier message's id is returned and nothing is stored; a different request under the same key throws
     * {@link IdempotencyKeyReused}.
     */
    public EnqueueResult enqueue(NewMessage m) {
        return enqueue(m, null);
    }

    /**
     * Stores a message as {@link #enqueue(NewMessage)} does, and when it is stored runs {@code alongside} (such as an
     * audit entry) in the same transaction: both commit, or neither.
     */
    public EnqueueResult enqueue(NewMessage m, InTransaction alongside) {
        UUID id = UUID.randomUUID();
        if (alongside == null && m.idempotencyKey() == null) {
            // nothing to look up or do with it: one commit may serve every message that arrives meanwhile
            inserts.write(new Insert(id, m, Traceparent.current()));
            return new EnqueueResult(id, true, m.messageId(), MessageStatus.QUEUED);
        }
        try (Connection c = dataSource.getConnection()) {
            if (alongside == null) {
                return enqueue(c, id, m);
            }
            return Transactions.inTransaction(c, tx -> {
                EnqueueResult result = enqueue(tx, id, m);
                if (result.created()) {
                    alongside.run(tx, id);
                }
                return result;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the message", e);
        }
    }

    private static EnqueueResult enqueue(Connection c, UUID id, NewMessage m) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_ACCEPTED_COUNTED)) {
            bind(c, insert, new Insert(id, m, Traceparent.current()));
            try (ResultSet rs = insert.executeQuery()) {
                if (rs.next() && rs.getInt(1) == 1) {
                    return new EnqueueResult(id, true, m.messageId(), MessageStatus.QUEUED);
                }
            }
        }
        try (PreparedStatement existing = c.prepareStatement(
                "SELECT id, request_hash, message_id, status FROM outbox_message"
                        + " WHERE submitted_by = ? AND idempotency_key = ?")) {
            existing.setString(1, m.submittedBy());
            existing.setString(2, m.idempotencyKey());
            try (ResultSet rs = existing.executeQuery()) {
                rs.next();
                if (!rs.getString(2).equals(m.requestHash())) {
                    throw new IdempotencyKeyReused();
                }
                return new EnqueueResult(rs.getObject(1, UUID.class), false, rs.getString(3),
                        MessageStatus.valueOf(rs.getString(4)));
            }
        }
    }

    /** Stores messages in one transaction (a lone one in one autocommitted statement): all or none. */
    private void insertAll(List<Insert> batch) {
        try (Connection c = dataSource.getConnection()) {
            if (batch.size() == 1) {
                try (PreparedStatement insert = c.prepareStatement(INSERT_ACCEPTED)) {
                    bind(c, insert, batch.getFirst());
                    insert.executeUpdate();
                }
                return;
            }
            Transactions.inTransaction(c, tx -> {
                try (PreparedStatement insert = tx.prepareStatement(INSERT_ACCEPTED)) {
                    for (Insert i : batch) {
                        bind(tx, insert, i);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the message", e);
        }
    }

    /** A data exception or integrity violation (SQLSTATE class 22 or 23): one message's fault, not the database's. */
    private static boolean refusedValue(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
            if (t instanceof BatchUpdateException batch && batch.getNextException() != null) {
                return refusedValue(new IllegalStateException(batch.getNextException()));
            }
        }
        return false;
    }

    private static void bind(Connection c, PreparedStatement insert, Insert i) throws SQLException {
        NewMessage m = i.message();
        insert.setObject(1, i.id());
        insert.setString(2, m.submittedBy());
        insert.setString(3, m.idempotencyKey());
        insert.setString(4, m.requestHash());
        insert.setString(5, m.mailFrom());
        insert.setArray(6, c.createArrayOf("text", m.recipients().toArray()));
        insert.setString(7, m.messageId());
        insert.setBytes(8, m.mime());
        insert.setString(9, m.subject());
        insert.setString(10, i.traceparent());
    }

    /** Work done in the transaction that stores a message, given the new message's id. */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection c, UUID messageId) throws SQLException;
    }

    public Optional<StoredMessage> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox_message WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the message", e);
        }
    }

    /**
     * Claims up to {@code limit} due messages: QUEUED or RETRYING whose time has come, and SENDING ones whose claim ran
     * out (their replica died mid-delivery).
     */
    public List<ClaimedMessage> claim(int limit, Duration claimTimeout) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE outbox_message SET status = 'SENDING', attempts = attempts + 1,
                            claimed_until = now() + make_interval(secs => ?), updated_at = now()
                        WHERE id IN (""" + CLAIMABLE + """
                            )
                        RETURNING id, mail_from, recipients, message_id, mime, attempts,
                            COALESCE(resent_at, created_at), traceparent
                        """)) {
            s.setDouble(1, claimTimeout.toMillis() / 1000.0);
            s.setInt(2, limit);
            List<ClaimedMessage> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedMessage(rs.getObject(1, UUID.class), rs.getString(2), list(rs.getArray(3)),
                            rs.getString(4), rs.getBytes(5), rs.getInt(6), rs.getTimestamp(7).toInstant(),
                            rs.getString(8)));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim messages", e);
        }
    }

    /**
     * A delivered message's outcome; {@code attempt} is the claim's attempt number, {@code transport} the one the
     * attempt used.
     */
    public record SentMark(UUID id, int attempt, String reply, Transport transport) {
    }

    /**
     * Marks delivered messages SENT, all in one statement: one round trip and one commit for a batch instead of one per
     * message. Like every outcome it is written only while the claim it belongs to (status SENDING at that attempt
     * number) still holds: a claim taken over, or a message cancelled after its claim was given back, is not
     * overwritten by a worker that lost its claim.
     */
    public void markSent(List<SentMark> sent) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("WITH changed AS (" + """
                        UPDATE outbox_message o SET status = 'SENT', last_reply = d.reply, explanation = NULL,
                            sent_at = now(), transport = COALESCE(d.transport, o.transport), claimed_until = NULL,
                            updated_at = now()
                        FROM unnest(?::uuid[], ?::int[], ?::text[], ?::text[]) AS d(id, attempt, reply, transport)
                        WHERE o.id = d.id AND o.status = 'SENDING' AND o.attempts = d.attempt
                        """ + StatusEvents.returning("o") + ") "
                        + StatusEvents.insertFor("changed", StatusEvents.SENT))) {
            UUID[] ids = new UUID[sent.size()];
            Integer[] attempts = new Integer[ids.length];
            String[] replies = new String[ids.length];
            String[] transports = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = sent.get(i).id();
                attempts[i] = sent.get(i).attempt();
                replies[i] = sent.get(i).reply();
                transports[i] = name(sent.get(i).transport());
            }
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("integer", attempts));
            s.setArray(3, c.createArrayOf("text", replies));
            s.setArray(4, c.createArrayOf("text", transports));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the messages", e);
        }
    }

    /** The claim's own rows: an outcome is written only while the claim (message and attempt) still holds. */
    private static final String CLAIM_HOLDS = " WHERE id = ? AND status = 'SENDING' AND attempts = ?";

    public void markRetrying(ClaimedMessage m, String reply, String explanation, Instant nextAttemptAt,
            Transport transport) {
        update("UPDATE outbox_message SET status = 'RETRYING', last_reply = ?, explanation = ?, next_attempt_at = ?,"
                + " transport = COALESCE(?, transport), claimed_until = NULL, updated_at = now()" + CLAIM_HOLDS, reply,
                explanation, Timestamp.from(nextAttemptAt), name(transport), m.id(), m.attempts());
    }

    public void markFailed(ClaimedMessage m, String reply, String explanation, Transport transport) {
        update("WITH changed AS (UPDATE outbox_message SET status = 'FAILED', last_reply = ?, explanation = ?,"
                + " transport = COALESCE(?, transport), claimed_until = NULL, updated_at = now()" + CLAIM_HOLDS
                + StatusEvents.returning("outbox_message") + ") " + StatusEvents.insertFor("changed",
                        StatusEvents.FAILED),
                reply, explanation,
                name(transport), m.id(), m.attempts());
    }

    private static String name(Transport transport) {
        return transport == null ? null : transport.name();
    }

    /** Gives a claim back without counting it as an attempt (pacing: the mailbox has no free slot yet). */
    public void postpone(ClaimedMessage m, Instant until) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE outbox_message SET attempts = attempts - 1,"
                        + " status = CASE WHEN attempts <= 1 THEN 'QUEUED' ELSE 'RETRYING' END,"
                        + " next_attempt_at = ?, claimed_until = NULL, updated_at = now()" + CLAIM_HOLDS)) {
            s.setTimestamp(1, Timestamp.from(until));
            s.setObject(2, m.id());
            s.setInt(3, m.attempts());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the message", e);
        }
    }

    /**
     * Holds a message back (recipient limits) until {@code until}, while its claim holds, with the status webhook's
     * {@code message.deferred} in the same statement; unless Exchange was asked ({@code attempted}), the claim does not
     * count as an attempt.
     */
    public void defer(ClaimedMessage m, Instant until, String reply, String explanation, boolean attempted,
            Transport transport) {
        update("WITH changed AS (UPDATE outbox_message SET status = 'DEFERRED', attempts = attempts - ?, last_reply ="
                + " COALESCE(?, last_reply), explanation = ?, next_attempt_at = ?, transport = COALESCE(?, transport),"
                + " claimed_until = NULL, updated_at = now()" + CLAIM_HOLDS + StatusEvents.returning("outbox_message")
                + ") " + StatusEvents.insertFor("changed", StatusEvents.DEFERRED), attempted ? 0 : 1, reply,
                explanation, Timestamp.from(until), name(transport), m.id(), m.attempts());
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update the message", e);
        }
    }

    private static StoredMessage stored(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getObject(1, UUID.class), MessageStatus.valueOf(rs.getString(2)), rs.getString(3),
                list(rs.getArray(4)), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), rs.getString(13));
    }

    static List<String> list(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
