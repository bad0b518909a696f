package io.exchangebridge.importer.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.message.MessageDelivery;
import io.exchangebridge.importer.message.MessageView;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers the outboxes {@code webhook_delivery} (written in the same transaction as each imported message) and
 * {@code event_webhook_delivery} (written with each calendar event change, body included) on the scheduler's thread,
 * never on an import's: a POST signed by the foundation's {@link WebhookSignature} (HMAC-SHA256 over
 * {@code timestamp + "." + body}, {@code X-Exchange-Bridge-Signature: sha256=<hex>}), its kind in
 * {@code X-Exchange-Bridge-Event} ({@code message.imported}, {@code event.created|updated|deleted}), retried with
 * exponential backoff and jitter. Replicas claim deliveries with {@code FOR UPDATE SKIP LOCKED}, so each is sent by one
 * of them at a time.
 */
@ApplicationScoped
public class WebhookDispatcher {

    /** A delivery: its outbox key, where to, its kind, and its body when the outbox stores one. */
    record Due(Outbox outbox, long key, String url, String secret, int attempts, String type, String body) {
    }

    /**
     * An outbox table, keyed by {@code key}; {@code type} and {@code body} are the SQL of the kind and the stored body
     * (NULL: the body is read at delivery); {@code deliveryPrefix} keeps delivery ids unique across outboxes.
     */
    record Outbox(String table, String key, String type, String body, String deliveryPrefix) {
    }

    private static final Outbox MESSAGES = new Outbox("webhook_delivery", "message_id", "'message.imported'", "NULL",
            "");
    private static final Outbox EVENTS = new Outbox("event_webhook_delivery", "id", "d.type", "d.body", "event-");

    private final DataSource dataSource;
    private final MessageDelivery messages;
    private final ObjectMapper json;
    private final ImporterConfig.Webhook config;
    private final HttpClient http;
    private final ExecutorService waker = Executors
            .newSingleThreadExecutor(Thread.ofPlatform().name("webhook-wake").daemon().factory());
    private final AtomicBoolean wakePending = new AtomicBoolean();

    public WebhookDispatcher(DataSource dataSource, MessageDelivery messages, ObjectMapper json,
            ImporterConfig config) {
        this.dataSource = dataSource;
        this.messages = messages;
        this.json = json;
        this.config = config.webhook();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(identity = "webhooks", every = "${importer.webhook.poll-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        deliverDue();
    }

    /**
     * Delivers what is due now on the dispatcher's own thread, not the caller's: an import calls it after committing an
     * outbox row, so a webhook does not wait up to a poll interval (the poll stays, for other replicas' rows and
     * retries). Calls during a delivery round coalesce into one more round after it, so none is lost.
     */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                waker.execute(() -> {
                    wakePending.set(false);
                    try {
                        deliverDue();
                    } catch (RuntimeException e) {
                        Log.warnf("Webhook delivery round failed: %s", e.getClass().getName());
                    }
                });
            } catch (RejectedExecutionException stopping) {
                // shutting down: the outbox row stays, and the next poll on any replica delivers it
            }
        }
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }

    /** Sends what is due now; returns how many were delivered. */
    public int deliverDue() {
        return deliverDue(MESSAGES) + deliverDue(EVENTS);
    }

    private int deliverDue(Outbox outbox) {
        int delivered = 0;
        for (Due due : claim(outbox)) {
            String error = send(due);
            if (error == null) {
                update("UPDATE " + outbox.table() + " SET delivered_at = now(), attempts = attempts + 1, "
                        + "last_error = NULL WHERE " + outbox.key() + " = ?", null, due.key());
                delivered++;
            } else {
                int attempts = due.attempts() + 1;
                if (attempts >= config.maxAttempts()) {
                    Log.warnf("Webhook %s %d given up after %d attempts: %s", due.type(), due.key(), attempts, error);
                }
                update("UPDATE " + outbox.table() + " SET attempts = attempts + 1, last_error = ?, "
                        + "next_attempt_at = now() + make_interval(secs => ?) WHERE " + outbox.key() + " = ?", error,
                        backoff(attempts), due.key());
            }
        }
        return delivered;
    }

    private List<Due> claim(Outbox o) {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE " + o.table() + " d SET next_attempt_at = now() "
                        + "+ make_interval(secs => ?) FROM mailbox m WHERE m.id = d.mailbox_id AND d." + o.key()
                        + " IN (SELECT " + o.key() + " FROM " + o.table() + " WHERE delivered_at IS NULL AND "
                        + "attempts < ? AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 20 FOR UPDATE "
                        + "SKIP LOCKED) RETURNING d." + o.key() + ", m.webhook_url, m.webhook_secret, d.attempts, "
                        + o.type() + ", " + o.body())) {
            // Claimed for a while: a replica that dies mid-delivery hands it over after this.
            s.setDouble(1, config.timeout().toSeconds() * 3.0 + 30);
            s.setInt(2, config.maxAttempts());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        due.add(new Due(o, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
        } catch (SQLException e) {
            Log.warnf("Webhook outbox %s not readable (SQL state %s)", o.table(), e.getSQLState());
        }
        return due;
    }

    private String send(Due due) {
        try {
            byte[] body;
            if (due.body() != null) {
                body = due.body().getBytes(StandardCharsets.UTF_8);
            } else {
                MessageView message = messages.find(due.key()).orElse(null);
                if (message == null) {
                    return "message purged";
                }
                body = json.writeValueAsBytes(message);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(due.url())).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            HttpRequest request = WebhookSignature.signed(builder, due.secret(), due.type(),
                    due.outbox().deliveryPrefix() + due.key(), body).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private double backoff(int attempts) {
        long base = config.backoffBase().toMillis();
        long exp = Math.min(config.backoffMax().toMillis(), base * (1L << Math.min(20, attempts - 1)));
        long millis = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        return Duration.ofMillis(millis).toMillis() / 1000.0;
    }

    private void update(String sql, String text, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (text != null) {
                s.setString(i++, text);
            }
            for (Object p : params) {
                s.setObject(i++, p);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            Log.warnf("Webhook outbox not writable (SQL state %s)", e.getSQLState());
        }
    }
}
