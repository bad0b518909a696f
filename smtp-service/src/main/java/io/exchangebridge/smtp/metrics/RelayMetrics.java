package io.exchangebridge.smtp.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.route.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The relay's domain metrics, named as deploy/grafana and deploy/components/prometheus-rules use them:
 * {@code relay_outbox_messages{status}} and {@code relay_outbox_oldest_age_seconds} (the not yet finished messages,
 * counted from the database every {@code relay.metrics.refresh-interval}, so every replica shows the same),
 * {@code relay_deliveries_total{transport,outcome,code}}, {@code relay_pacing_delays_total} and
 * {@code relay_intake_refused_total{reason}}. The counters are this replica's: dashboards sum them over replicas.
 */
@ApplicationScoped
public class RelayMetrics {

    /**
     * The statuses of messages still on their way (outbox's MessageStatus, named here to keep the outbox free of a
     * cycle with this package); SENT, FAILED and CANCELLED are counted by the deliveries.
     */
    static final List<String> BACKLOG = List.of("QUEUED", "SENDING", "RETRYING", "DEFERRED");

    private final MeterRegistry registry;
    private final DataSource dataSource;
    private final RelayConfig config;
    private final Map<String, AtomicLong> backlog = new LinkedHashMap<>();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
    private final Counter pacingDelays;
    private ScheduledExecutorService timer;

    public RelayMetrics(MeterRegistry registry, DataSource dataSource, RelayConfig config) {
        this.registry = registry;
        this.dataSource = dataSource;
        this.config = config;
        for (String status : BACKLOG) {
            AtomicLong value = new AtomicLong();
            backlog.put(status, value);
            registry.gauge("relay.outbox.messages", List.of(Tag.of("status", status)), value);
        }
        Gauge.builder("relay.outbox.oldest.age", oldestAgeSeconds, AtomicLong::doubleValue).baseUnit("seconds")
                .description("Age of the oldest message not yet sent, failed or cancelled").register(registry);
        pacingDelays = Counter.builder("relay.pacing.delays")
                .description("Delivery attempts put off because their mailbox had no pacing slot free")
                .register(registry);
        // registered up front so that a rule on the rate of refusals has a series before the first outage
        intakeCounter("database");
    }

    void start(@Observes StartupEvent event) {
        long every = Math.max(100, config.metrics().refreshInterval().toMillis());
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("relay-metrics").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::recount, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * One delivery attempt's outcome ({@code sent}, {@code retrying}, {@code failed}); transport null without route.
     */
    public void delivery(Transport transport, String outcome, String reply) {
        String t = transport == null ? "none" : transport.name();
        String code = ReplyCode.of(reply);
        deliveries.computeIfAbsent(t + '|' + outcome + '|' + code, k -> Counter.builder("relay.deliveries")
                .description("Delivery attempts by transport, outcome and Exchange's reply code")
                .tag("transport", t).tag("outcome", outcome).tag("code", code).register(registry)).increment();
    }

    /** A delivery attempt waited for its mailbox's pacing slot. */
    public void pacingDelay() {
        pacingDelays.increment();
    }

    /** A submission (REST or SMTP) refused for {@code reason}, such as {@code database} when PostgreSQL is down. */
    public void intakeRefused(String reason) {
        intakeCounter(reason).increment();
    }

    private Counter intakeCounter(String reason) {
        return Counter.builder("relay.intake.refused").description("Submissions refused, by reason")
                .tag("reason", reason).register(registry);
    }

    void recount() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Map<String, Long> counted = new HashMap<>();
            long oldest = 0;
            try (ResultSet rs = s.executeQuery("SELECT status, count(*), "
                    + "COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::bigint FROM outbox_message "
                    + "WHERE status IN ('QUEUED', 'SENDING', 'RETRYING', 'DEFERRED') GROUP BY status")) {
                while (rs.next()) {
                    counted.put(rs.getString(1), rs.getLong(2));
                    oldest = Math.max(oldest, rs.getLong(3));
                }
            }
            backlog.forEach((status, value) -> value.set(counted.getOrDefault(status, 0L)));
            oldestAgeSeconds.set(oldest);
        } catch (SQLException | RuntimeException e) {
            // the gauges keep their last values; the relay's readiness reports the database itself
            Log.debugf("Outbox gauges not updated: %s", e.getClass().getSimpleName());
        }
    }
}
