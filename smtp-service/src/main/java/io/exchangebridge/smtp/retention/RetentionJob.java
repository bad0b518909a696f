package io.exchangebridge.smtp.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.smtp.config.RelayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps the outbox bounded: a finished message (SENT, FAILED, CANCELLED) loses its body {@code relay.retention.body}
 * after it finished (its last change) and its row {@code relay.retention.message} after; status webhook deliveries that
 * were delivered, given up or whose webhook is gone go {@code relay.retention.webhook-deliveries} after their event.
 * Every replica runs it every {@code relay.retention.interval}; an advisory lock lets one at a time purge, in batches
 * of {@code relay.retention.batch-size}, each its own transaction, so no purge holds many rows for long. Rows a worker
 * or a resend holds are skipped ({@code SKIP LOCKED}) and the status is checked again under the lock, so a message
 * resent meanwhile keeps its body. Counted in {@code relay.retention.purged{what=body|message}}; each purge that
 * removed anything is audited as {@code retention.purge} by {@code system}.
 */
@ApplicationScoped
public class RetentionJob {

    /** The advisory lock key of the purge ("RETAIN" in ASCII), shared by every replica. */
    static final long LOCK = 0x52455441494EL;
    private static final String FINISHED = "status IN ('SENT', 'FAILED', 'CANCELLED')";

    private final DataSource dataSource;
    private final AuditTrail audit;
    private final RelayConfig config;
    private final Counter bodies;
    private final Counter messages;
    private ScheduledExecutorService timer;

    /** What one purge removed; {@code ran} is false when another replica was purging. */
    public record Purged(boolean ran, int bodies, int messages, int webhookDeliveries) {
    }

    public RetentionJob(DataSource dataSource, AuditTrail audit, RelayConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.config = config;
        this.bodies = Counter.builder("relay.retention.purged").tag("what", "body")
                .description("Finished messages purged by retention").register(registry);
        this.messages = Counter.builder("relay.retention.purged").tag("what", "message")
                .description("Finished messages purged by retention").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.retention().enabled()) {
            return;
        }
        if (config.retention().message().compareTo(config.retention().body()) < 0) {
            throw new IllegalStateException("relay.retention.message must not be shorter than relay.retention.body");
        }
        long every = Math.max(1000, config.retention().interval().toMillis());
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("retention").daemon().factory());
        timer.scheduleWithFixedDelay(this::scheduled, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void scheduled() {
        try {
            purgeNow();
        } catch (RuntimeException e) {
            Log.warnf("Retention purge failed: %s; tried again in %s", e.getClass().getSimpleName(),
                    config.retention().interval());
        }
    }

    /** Purges what is due now, unless another replica is purging. */
    public Purged purgeNow() {
        RelayConfig.Retention r = config.retention();
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "SELECT pg_try_advisory_lock(?)")) {
                return new Purged(false, 0, 0, 0);
            }
            Purged purged;
            try {
                int b = repeat(c, "UPDATE outbox_message SET mime = '\\x'::bytea, body_purged_at = now()"
                        + " WHERE id IN (SELECT id FROM outbox_message WHERE " + FINISHED
                        + " AND body_purged_at IS NULL AND updated_at < now() - make_interval(secs => ?)"
                        + " LIMIT ? FOR UPDATE SKIP LOCKED)", r.body().toSeconds(), bodies);
                int m = repeat(c, "DELETE FROM outbox_message WHERE id IN (SELECT id FROM outbox_message WHERE "
                        + FINISHED
                        + " AND updated_at < now() - make_interval(secs => ?) LIMIT ? FOR UPDATE SKIP LOCKED)",
                        r.message().toSeconds(), messages);
                int w = repeat(c, "DELETE FROM status_webhook_delivery WHERE id IN (SELECT d.id FROM"
                        + " status_webhook_delivery d WHERE d.created_at < now() - make_interval(secs => ?)"
                        + " AND (d.delivered_at IS NOT NULL OR d.attempts >= " + config.statusWebhook().maxAttempts()
                        + " OR NOT EXISTS (SELECT 1 FROM status_webhook h WHERE h.api_user = d.api_user))"
                        + " LIMIT ? FOR UPDATE SKIP LOCKED)", r.webhookDeliveries().toSeconds(), null);
                purged = new Purged(true, b, m, w);
            } finally {
                lock(c, "SELECT pg_advisory_unlock(?)");
            }
            if (purged.bodies() + purged.messages() + purged.webhookDeliveries() > 0) {
                audit.record(c, "system", "retention.purge", "outbox", "bodies " + purged.bodies() + ", messages "
                        + purged.messages() + ", webhook deliveries " + purged.webhookDeliveries(), "OK");
                Log.infof("Retention purged %d bodies, %d messages, %d webhook deliveries", purged.bodies(),
                        purged.messages(), purged.webhookDeliveries());
            }
            return purged;
        } catch (SQLException e) {
            throw new IllegalStateException("Retention purge failed", e);
        }
    }

    /** A session-level advisory lock call on this connection (released on unlock, or when the connection dies). */
    private static boolean lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, LOCK);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Runs a batched statement (age in seconds, batch size), each batch committed on its own, until it affects fewer
     * rows than a batch; counts them as it goes.
     */
    private int repeat(Connection c, String sql, long ageSeconds, Counter counter) throws SQLException {
        int batch = config.retention().batchSize();
        int total = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int n;
            do {
                s.setDouble(1, ageSeconds);
                s.setInt(2, batch);
                n = s.executeUpdate();
                total += n;
                if (counter != null) {
                    counter.increment(n);
                }
            } while (n == batch);
        }
        return total;
    }
}
