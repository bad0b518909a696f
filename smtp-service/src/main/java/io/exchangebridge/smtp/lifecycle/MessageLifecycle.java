package io.exchangebridge.smtp.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.jdbc.Transactions;
import io.exchangebridge.smtp.outbox.MessageStatus;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.outbox.OutboxWorkers;
import io.exchangebridge.smtp.statushook.StatusEvents;

/**
 * Cancel and resend. Both lock the message's row ({@code FOR UPDATE}) and decide on the status they find under the
 * lock: a worker's claim either took the row first (the cancel then sees SENDING and is refused) or skips it while it
 * is locked ({@code SKIP LOCKED}) and, once the cancel committed, no longer finds it due. A worker writes its outcome
 * only while its claim (SENDING at its attempt number) holds, so a cancelled message is never marked SENT afterwards.
 * Attempt numbers only grow (a resend keeps counting), so a claim once lost never matches again.
 */
@ApplicationScoped
public class MessageLifecycle {

    /** Not sent and no worker holds it. SENDING is refused: a worker may be handing it to Exchange this moment. */
    static final Set<MessageStatus> CANCELLABLE = EnumSet.of(MessageStatus.QUEUED, MessageStatus.RETRYING,
            MessageStatus.DEFERRED);
    static final Set<MessageStatus> RESENDABLE = EnumSet.of(MessageStatus.FAILED, MessageStatus.CANCELLED);

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final OutboxStore outbox;
    private final OutboxWorkers workers;
    private final String messageIdDomain;

    public MessageLifecycle(DataSource dataSource, AuditTrail audit, OutboxStore outbox, OutboxWorkers workers,
            RelayConfig config) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.outbox = outbox;
        this.workers = workers;
        this.messageIdDomain = config.messageIdDomain();
    }

    /** What the row lock found. */
    private record Locked(MessageStatus status, boolean bodyPurged, String messageId) {
    }

    /**
     * Cancels a message that has not been sent. {@code submitter} is the caller when it may act only on its own
     * messages, null for an admin.
     */
    public LifecycleResult cancel(UUID id, String submitter) {
        LifecycleResult result = inTransaction(c -> {
            Locked found = lock(c, id, submitter);
            if (found == null) {
                return new LifecycleResult.NotFound();
            }
            if (!CANCELLABLE.contains(found.status())) {
                return new LifecycleResult.Refused(found.status(), switch (found.status()) {
                    case SENDING -> "Message " + id + " is being delivered right now and can no longer be cancelled.";
                    case CANCELLED -> "Message " + id + " is already cancelled.";
                    default -> "Message " + id + " is " + found.status() + "; only QUEUED, RETRYING or DEFERRED"
                            + " messages can be cancelled.";
                });
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_message SET status = 'CANCELLED',"
                    + " claimed_until = NULL, updated_at = now() WHERE id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            audit.record(c, "message.cancel", id.toString(), "was " + found.status(), "OK");
            StatusEvents.record(c, id, StatusEvents.CANCELLED);
            return null;
        });
        return result != null ? result : changed(id);
    }

    /**
     * Resends a FAILED or CANCELLED message: a new attempt, now, with the same Message-ID unless {@code newMessageId}.
     * Its attempts keep counting; its retries give up {@code relay.outbox.max-age} after the resend.
     */
    public LifecycleResult resend(UUID id, String submitter, boolean newMessageId) {
        LifecycleResult result = inTransaction(c -> {
            Locked found = lock(c, id, submitter);
            if (found == null) {
                return new LifecycleResult.NotFound();
            }
            if (!RESENDABLE.contains(found.status())) {
                return new LifecycleResult.Refused(found.status(), "Message " + id + " is " + found.status()
                        + "; only FAILED or CANCELLED messages can be resent.");
            }
            if (found.bodyPurged()) {
                return new LifecycleResult.Refused(found.status(), "Message " + id
                        + " can no longer be resent: its body was purged by the retention policy.");
            }
            String detail = "was " + found.status();
            if (newMessageId) {
                String messageId = "<" + UUID.randomUUID() + "@" + messageIdDomain + ">";
                replaceMessageId(c, id, messageId);
                detail += ", new Message-ID " + messageId + " (was " + found.messageId() + ")";
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox_message SET status = 'QUEUED',"
                    + " last_reply = NULL, explanation = NULL, sent_at = NULL, claimed_until = NULL,"
                    + " next_attempt_at = now(), resent_at = now(), updated_at = now() WHERE id = ?")) {
                s.setObject(1, id);
                s.executeUpdate();
            }
            audit.record(c, "message.resend", id.toString(), detail, "OK");
            StatusEvents.record(c, id, StatusEvents.ACCEPTED);
            return null;
        });
        if (result != null) {
            return result;
        }
        workers.wake();
        return changed(id);
    }

    private LifecycleResult changed(UUID id) {
        return outbox.find(id).<LifecycleResult>map(LifecycleResult.Changed::new)
                .orElseGet(LifecycleResult.NotFound::new);
    }

    private static Locked lock(Connection c, UUID id, String submitter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status, body_purged_at IS NOT NULL, message_id,"
                + " submitted_by FROM outbox_message WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || submitter != null && !submitter.equals(rs.getString(4))) {
                    return null; // another user's message is not confirmed to exist
                }
                return new Locked(MessageStatus.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getString(3));
            }
        }
    }

    private static void replaceMessageId(Connection c, UUID id, String messageId) throws SQLException {
        byte[] mime;
        try (PreparedStatement s = c.prepareStatement("SELECT mime FROM outbox_message WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                mime = rs.getBytes(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE outbox_message SET mime = ?, message_id = ? WHERE id = ?")) {
            s.setBytes(1, MessageIdHeader.replace(mime, messageId));
            s.setString(2, messageId);
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    private LifecycleResult inTransaction(Transactions.Work<LifecycleResult> work) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, work);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the message", e);
        }
    }
}
