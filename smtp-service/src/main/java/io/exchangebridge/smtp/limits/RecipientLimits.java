package io.exchangebridge.smtp.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.jdbc.Transactions;

/**
 * Exchange Online's recipient limits, kept before Exchange refuses: recipients per route mailbox in any sliding 24
 * hours ({@code relay.recipient-limits.per-mailbox-per-day}) and external recipients of the whole tenant
 * ({@code external-per-day}), counted in PostgreSQL for every replica under a transaction-scoped advisory lock per
 * mailbox (and one for the tenant, taken second, when a message has external recipients), like pacing's slots. <p> A
 * message is counted when it is admitted, before it is sent; an attempt that does not end in SENT gives its count back.
 * A replica that dies in between leaves the count a little high: it errs on the side of holding mail back.
 */
@ApplicationScoped
public class RecipientLimits {

    /** The tenant's external recipients are counted under this mailbox key (no mailbox address is empty). */
    public static final String TENANT = "";
    /** A minute bucket counts until 24 hours after its minute has ended. */
    static final String WINDOW = "interval '24 hours 1 minute'";

    private final DataSource dataSource;
    private final RelayConfig.RecipientLimits config;
    private final LimitMetrics metrics;

    public RecipientLimits(DataSource dataSource, RelayConfig config, LimitMetrics metrics) {
        this.dataSource = dataSource;
        this.config = config.recipientLimits();
        this.metrics = metrics;
    }

    /** The outcome of {@link #admit}: counted (give it back if the send does not happen) or held until a time. */
    public sealed interface Admission {

        /** Counted now, in the minute {@code bucket}; {@code external} of the recipients are external. */
        record Counted(String mailbox, Instant bucket, int recipients, int external) implements Admission {
        }

        /** Would exceed a limit: hold the message until {@code until}; {@code reason} is the metric's tag. */
        record Held(Instant until, String reason, String explanation) implements Admission {
        }

        /** More recipients than a whole day's limit: it can never go as one message. */
        record Impossible(String explanation) implements Admission {
        }

        /** Limits off: nothing counted. */
        record Unlimited() implements Admission {
        }
    }

    /** Counts the message's recipients against the mailbox's and the tenant's limits, or says when it can go. */
    public Admission admit(String mailbox, String mailFrom, List<String> recipients) {
        if (!config.enabled()) {
            return new Admission.Unlimited();
        }
        String key = mailbox.toLowerCase(Locale.ROOT);
        metrics.watch(key);
        int n = recipients.size();
        int external = external(mailbox, mailFrom, recipients);
        if (n > config.perMailboxPerDay() || external > config.externalPerDay()) {
            return new Admission.Impossible("The message has " + n + " recipients (" + external + " external), more"
                    + " than a mailbox may send to in a day (" + config.perMailboxPerDay() + ", external "
                    + config.externalPerDay() + "): split it into several messages.");
        }
        try (Connection c = dataSource.getConnection()) {
            Admission admission = Transactions.inTransaction(c, tx -> {
                lock(tx, key);
                Instant until = fitsAt(tx, key, n, config.perMailboxPerDay());
                String reason = LimitMetrics.PER_DAY;
                if (until == null && external > 0) {
                    lock(tx, TENANT);
                    until = fitsAt(tx, TENANT, external, config.externalPerDay());
                    reason = LimitMetrics.EXTERNAL;
                }
                if (until != null) {
                    return new Admission.Held(until, reason, explanation(reason, mailbox, until));
                }
                Instant bucket = add(tx, key, n);
                if (external > 0) {
                    add(tx, TENANT, external);
                }
                return new Admission.Counted(key, bucket, n, external);
            });
            if (admission instanceof Admission.Held held) {
                metrics.deferred(held.reason());
            }
            return admission;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the message's recipients", e);
        }
    }

    /** Takes back a count whose message was not sent (it failed, is retried or waits for pacing). */
    public void giveBack(Admission admission) {
        if (!(admission instanceof Admission.Counted counted)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE recipient_count SET recipients = recipients - ?"
                        + " WHERE mailbox = ? AND bucket = ?")) {
            s.setInt(1, counted.recipients());
            s.setString(2, counted.mailbox());
            s.setTimestamp(3, Timestamp.from(counted.bucket()));
            s.addBatch();
            if (counted.external() > 0) {
                s.setInt(1, counted.external());
                s.setString(2, TENANT);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not give back the message's recipient count", e);
        }
    }

    /** What an Exchange refusal says about the recipient limits. */
    public enum Refusal {
        /** Not about recipient limits. */
        NONE,
        /** The mailbox's daily recipient quota (SMTP 554 5.2.0 SubmissionQuotaExceeded, Graph 429). */
        MAILBOX_QUOTA,
        /** The tenant's external recipient rate limit (550 5.7.233). */
        TENANT_EXTERNAL,
        /** More recipients than one message may have (452 4.5.3, 550 5.5.3 RecipLimit): not a quota, never fits. */
        TOO_MANY_RECIPIENTS;

        public static Refusal of(String reply) {
            if (reply == null) {
                return NONE;
            }
            if (reply.contains("5.7.233")) {
                return TENANT_EXTERNAL;
            }
            if (reply.contains("SubmissionQuotaExceeded")) {
                return MAILBOX_QUOTA;
            }
            if (reply.startsWith("452 4.5.3") || reply.contains("5.5.3") || reply.contains("RecipLimit")) {
                return TOO_MANY_RECIPIENTS;
            }
            return NONE;
        }
    }

    /**
     * What Exchange's refusal means under its recipient limits: a quota holds the message (for
     * {@code quota-retry-after}), too many recipients for one message fails it, anything else is not about them (null).
     */
    public Admission exchangeRefused(String mailbox, String reply) {
        Refusal refusal = Refusal.of(reply);
        if (refusal == Refusal.NONE) {
            return null;
        }
        if (refusal == Refusal.TOO_MANY_RECIPIENTS) {
            return new Admission.Impossible("Exchange Online refused the message: it has more recipients than one"
                    + " message may have (500 unless the mailbox's RecipientLimits say otherwise); split it into"
                    + " several messages.");
        }
        String reason = refusal == Refusal.TENANT_EXTERNAL ? LimitMetrics.EXTERNAL : LimitMetrics.PER_DAY;
        Instant until = Instant.now().plus(config.quotaRetryAfter());
        metrics.deferred(reason);
        return new Admission.Held(until, reason, "Exchange Online refused the message: "
                + (refusal == Refusal.TENANT_EXTERNAL
                        ? "the tenant has reached its daily limit of external recipients (TERRL)"
                        : "mailbox " + mailbox + " has reached its daily recipient limit")
                + "; it is held and tried again at " + until + ". Lower relay.recipient-limits.* to the tenant's real"
                + " limits if this recurs.");
    }

    private static String explanation(String reason, String mailbox, Instant until) {
        return (LimitMetrics.EXTERNAL.equals(reason)
                ? "Sending it now would take the tenant over its daily limit of external recipients"
                : "Sending it now would take mailbox " + mailbox + " over its daily recipient limit")
                + " (Exchange Online refuses mail beyond it); it is held until " + until + ", when it fits.";
    }

    /** Recipients whose domain is not internal: the configured domains, or else the mailbox's and the sender's. */
    private int external(String mailbox, String mailFrom, List<String> recipients) {
        Set<String> internal = config.internalDomains().map(List::stream)
                .orElseGet(() -> Stream.of(domain(mailbox), domain(mailFrom)))
                .map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return (int) recipients.stream().filter(r -> !internal.contains(domain(r).toLowerCase(Locale.ROOT))).count();
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(at + 1);
    }

    private static void lock(Connection c, String key) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "recipients:" + key);
            lock.execute();
        }
    }

    /**
     * Null when {@code n} more recipients fit the key's window now, else the time they will: the end of the window of
     * the oldest minutes that must expire first.
     */
    private static Instant fitsAt(Connection c, String key, int n, int limit) throws SQLException {
        try (PreparedStatement prune = c.prepareStatement("DELETE FROM recipient_count WHERE mailbox = ? AND bucket <"
                + " now() - " + WINDOW)) {
            prune.setString(1, key);
            prune.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT bucket + " + WINDOW + ", recipients,"
                + " sum(recipients) OVER () FROM recipient_count WHERE mailbox = ? ORDER BY bucket")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                long over = -1;
                while (rs.next()) {
                    if (over < 0) {
                        over = rs.getLong(3) + n - limit;
                        if (over <= 0) {
                            return null;
                        }
                    }
                    over -= rs.getInt(2);
                    if (over <= 0) {
                        return rs.getTimestamp(1).toInstant();
                    }
                }
                return null;
            }
        }
    }

    private static Instant add(Connection c, String key, int n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO recipient_count (mailbox, bucket, recipients)"
                + " VALUES (?, date_trunc('minute', now()), ?) ON CONFLICT (mailbox, bucket)"
                + " DO UPDATE SET recipients = recipient_count.recipients + EXCLUDED.recipients RETURNING bucket")) {
            s.setString(1, key);
            s.setInt(2, n);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

}
