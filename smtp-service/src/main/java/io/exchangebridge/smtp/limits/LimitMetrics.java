package io.exchangebridge.smtp.limits;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.smtp.config.RelayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The recipient limits' metrics: {@code relay.mailbox.recipients} (recipients in the sliding 24 hours, read from the
 * shared count, so every replica reports the same value), {@code relay.mailbox.recipient.limit}, both tagged with the
 * route mailbox (a bounded set), and {@code relay.messages.deferred} by reason. The counts are read at most every
 * {@value #REFRESH_MILLIS} ms, with one query for all mailboxes.
 */
@ApplicationScoped
public class LimitMetrics {

    public static final String PER_DAY = "recipients-per-day";
    public static final String EXTERNAL = "external-recipients";
    static final long REFRESH_MILLIS = 10_000;

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final int limit;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> counts = Map.of();
    private volatile long readAt;

    public LimitMetrics(MeterRegistry registry, DataSource dataSource, RelayConfig config) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.limit = config.recipientLimits().perMailboxPerDay();
        for (String reason : new String[]{PER_DAY, EXTERNAL}) {
            Counter.builder("relay.messages.deferred").tag("reason", reason)
                    .description("Messages held back (DEFERRED) by Exchange's recipient limits").register(registry);
        }
    }

    /** Registers the gauges of a route mailbox (once). */
    void watch(String mailbox) {
        if (watched.add(mailbox)) {
            Gauge.builder("relay.mailbox.recipients", () -> count(mailbox)).tag("mailbox", mailbox)
                    .description("Recipients the mailbox sent to in the sliding 24 hours, across replicas")
                    .register(registry);
            Gauge.builder("relay.mailbox.recipient.limit", () -> limit).tag("mailbox", mailbox)
                    .description("Recipients the mailbox may send to in 24 hours").register(registry);
        }
    }

    void deferred(String reason) {
        registry.counter("relay.messages.deferred", "reason", reason).increment();
    }

    private double count(String mailbox) {
        if (System.currentTimeMillis() - readAt > REFRESH_MILLIS) {
            refresh();
        }
        return counts.getOrDefault(mailbox, 0L);
    }

    /** Reads every mailbox's count in one query; on a database error the last values stay. */
    synchronized void refresh() {
        Map<String, Long> read = new ConcurrentHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT mailbox, sum(recipients) FROM recipient_count"
                        + " WHERE bucket >= now() - " + RecipientLimits.WINDOW + " GROUP BY mailbox");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                read.put(rs.getString(1), rs.getLong(2));
            }
            counts = read;
        } catch (SQLException e) {
            Log.debugf("Could not read the recipient counts: %s", e.getClass().getSimpleName());
        }
        readAt = System.currentTimeMillis();
    }
}
