package io.exchangebridge.smtp.statushook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.exchangebridge.smtp.config.RelayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers the status webhook outbox ({@code status_webhook_delivery}): each replica claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} (leased for a while, so a replica that dies mid-delivery hands them over), POSTs
 * {@code {"type": ..., "message": ...}} signed with the foundation's {@link WebhookSignature} (delivery id
 * {@code status-<n>}, the same on every retry) and records the outcome: 2xx delivered, anything else retried with
 * exponential backoff and jitter until {@code relay.status-webhook.max-attempts}, then given up. Counted in
 * {@code relay.status.webhooks{outcome=delivered|retrying|given-up}}.
 */
@ApplicationScoped
public class StatusWebhookDispatcher {

    private static final int BATCH = 20;

    private final DataSource dataSource;
    private final StatusWebhookStore store;
    private final ObjectMapper json;
    private final RelayConfig.StatusWebhook config;
    private final HttpClient http;
    private final Counter delivered;
    private final Counter retrying;
    private final Counter givenUp;
    private ScheduledExecutorService timer;

    public StatusWebhookDispatcher(DataSource dataSource, StatusWebhookStore store, ObjectMapper json,
            RelayConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.json = json;
        this.config = config.statusWebhook();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.delivered = counter(registry, "delivered");
        this.retrying = counter(registry, "retrying");
        this.givenUp = counter(registry, "given-up");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("relay.status.webhooks").tag("outcome", outcome)
                .description("Status webhook deliveries by outcome").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!store.encryptionConfigured()) {
            return; // no webhook can be set, so there is nothing to deliver
        }
        long every = Math.max(50, config.pollInterval().toMillis());
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("status-webhooks").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void round() {
        try {
            while (deliverDue() == BATCH) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            Log.warnf("Status webhook round failed: %s", e.getClass().getSimpleName());
        }
    }

    /** A claimed delivery. */
    private record Due(long id, String apiUser, String url, String sealedSecret, int attempts, StatusEvent event) {
    }

    /** Delivers what is due now; answers how many were claimed. */
    int deliverDue() {
        List<Due> due = claim();
        for (Due d : due) {
            String error = send(d);
            int attempts = d.attempts() + 1;
            if (error == null) {
                update("UPDATE status_webhook_delivery SET delivered_at = now(), attempts = ?, last_error = NULL"
                        + " WHERE id = ?", attempts, d.id());
                delivered.increment();
            } else {
                boolean giveUp = attempts >= config.maxAttempts();
                if (giveUp) {
                    Log.warnf("Status webhook %s of message %s for %s given up after %d attempts: %s",
                            d.event().type(), d.event().message().id(), d.apiUser(), attempts, error);
                    givenUp.increment();
                } else {
                    retrying.increment();
                }
                update("UPDATE status_webhook_delivery SET attempts = ?, last_error = ?,"
                        + " next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?", attempts, error,
                        backoff(attempts), d.id());
            }
        }
        return due.size();
    }

    private List<Due> claim() {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE status_webhook_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                        FROM status_webhook w
                        WHERE w.api_user = d.api_user AND d.id IN (
                            SELECT id FROM status_webhook_delivery
                            WHERE delivered_at IS NULL AND attempts < ? AND next_attempt_at <= now()
                            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING d.id, d.api_user, w.url, w.secret, d.attempts, d.type, d.message, d.m_status,
                            d.m_from, d.m_recipients, d.m_message_id, d.m_attempts, d.m_last_reply,
                            d.m_explanation, d.m_created_at, d.m_updated_at, d.m_sent_at, d.m_next_attempt_at
                        """)) {
            s.setDouble(1, config.timeout().toSeconds() * 3.0 + 30);
            s.setInt(2, config.maxAttempts());
            s.setInt(3, BATCH);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    MessageSnapshot message = new MessageSnapshot(rs.getObject(7, UUID.class), rs.getString(8),
                            rs.getString(9), list(rs.getArray(10)), rs.getString(11), rs.getInt(12),
                            rs.getString(13), rs.getString(14), instant(rs.getTimestamp(15)),
                            instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18)));
                    due.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            new StatusEvent(rs.getString(6), message)));
                }
            }
        } catch (SQLException e) {
            Log.warnf("Status webhook outbox not readable (SQL state %s)", e.getSQLState());
        }
        return due;
    }

    /** POSTs one delivery; null when the receiver answered 2xx, else what went wrong (no secret, no body). */
    private String send(Due d) {
        try {
            byte[] body = json.writeValueAsBytes(d.event());
            String secret = store.open(d.apiUser(), d.sealedSecret());
            HttpRequest request = WebhookSignature.signed(HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(config.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)), secret, d.event().type(),
                    "status-" + d.id(), body).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IllegalStateException | IllegalArgumentException e) {
            return "not sendable: " + e.getClass().getSimpleName();
        }
    }

    private double backoff(int attempts) {
        long base = config.backoffBase().toMillis();
        long exp = Math.min(config.backoffMax().toMillis(), base * (1L << Math.min(20, attempts - 1)));
        return (exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1)) / 1000.0;
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            Log.warnf("Status webhook outbox not writable (SQL state %s)", e.getSQLState());
        }
    }

    private static List<String> list(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
