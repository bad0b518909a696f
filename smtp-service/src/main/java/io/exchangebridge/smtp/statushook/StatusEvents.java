package io.exchangebridge.smtp.statushook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

/**
 * The status webhook's events, written into its delivery outbox ({@code status_webhook_delivery}) in the statement or
 * transaction of the status change they report, so that a change is never committed without its event (nor an event
 * without its change). Only messages whose submitter has a webhook get a row; the row holds a snapshot of the message
 * as the change left it.
 */
public final class StatusEvents {

    /** Stored, or resent (a new attempt). */
    public static final String ACCEPTED = "message.accepted";
    /** Exchange accepted it; the snapshot has Exchange's reply. */
    public static final String SENT = "message.sent";
    /** Failed for good; the snapshot has the explanation. */
    public static final String FAILED = "message.failed";
    /** Withdrawn before it was sent. */
    public static final String CANCELLED = "message.cancelled";
    /** Held back by the recipient limits until its next attempt time. */
    public static final String DEFERRED = "message.deferred";

    /** The columns {@link #insertFor} reads. */
    private static final String[] COLUMNS = {"id", "submitted_by", "status", "mail_from", "recipients", "message_id",
            "attempts", "last_reply", "explanation", "created_at", "updated_at", "sent_at", "next_attempt_at"};

    private StatusEvents() {
    }

    /**
     * {@code RETURNING} of the columns {@link #insertFor} needs, of the table aliased {@code alias}: not {@code *},
     * which would carry every body (up to the size limit) through the statement.
     */
    public static String returning(String alias) {
        return " RETURNING " + String.join(", ", Arrays.stream(COLUMNS).map(c -> alias + "." + c).toList());
    }

    /**
     * SQL that records {@code type} (one of the constants, never client text) for each row of {@code rows}: a table or
     * a CTE with the columns of {@code outbox_message} (such as {@code UPDATE ... RETURNING *}). To be appended to a
     * {@code WITH rows AS (...)} so that the change and its events are one statement.
     */
    public static String insertFor(String rows, String type) {
        return """
                INSERT INTO status_webhook_delivery (api_user, type, message, m_status, m_from, m_recipients,
                    m_message_id, m_attempts, m_last_reply, m_explanation, m_created_at, m_updated_at, m_sent_at,
                    m_next_attempt_at, next_attempt_at, created_at)
                SELECT w.api_user, '%s', r.id, r.status, r.mail_from, r.recipients, r.message_id, r.attempts,
                    r.last_reply, r.explanation, r.created_at, r.updated_at, r.sent_at, r.next_attempt_at, now(), now()
                FROM %s r JOIN status_webhook w ON w.api_user = r.submitted_by
                """.formatted(checked(type), rows);
    }

    /** Records {@code type} for one message as it is now, on the caller's transaction. */
    public static void record(Connection c, UUID messageId, String type) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(insertFor("outbox_message", type) + " WHERE r.id = ?")) {
            s.setObject(1, messageId);
            s.executeUpdate();
        }
    }

    private static String checked(String type) {
        return switch (type) {
            case ACCEPTED, SENT, FAILED, CANCELLED, DEFERRED -> type;
            default -> throw new IllegalArgumentException("Unknown status event " + type);
        };
    }
}
