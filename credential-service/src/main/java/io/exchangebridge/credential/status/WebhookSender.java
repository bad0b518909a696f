package io.exchangebridge.credential.status;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.StatusEventEntity;
import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers status changes to {@code credential.webhook.url} as JSON, signed by the foundation's
 * {@link WebhookSignature} like every Exchange Bridge webhook ({@code X-Exchange-Bridge-Timestamp},
 * {@code X-Exchange-Bridge-Signature:
 * sha256=<hex HMAC-SHA256 over "<timestamp>." + body>}; the timestamp lets receivers refuse replays). Failed deliveries
 * are retried with exponential backoff up to {@code credential.webhook.max-attempts}; with several replicas each event
 * is taken by one (FOR UPDATE SKIP LOCKED).
 */
@ApplicationScoped
public class WebhookSender {

    private final CredentialConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookSender(CredentialConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Scheduled(every = "${credential.webhook.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        if (config.webhook().url().isPresent()) {
            while (deliverOne()) {
                // next
            }
        } else {
            QuarkusTransaction.requiringNew().run(() -> StatusEventEntity.deleteAll());
        }
    }

    /** Delivers the oldest due event, if any; returns whether there was one. */
    public boolean deliverOne() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<StatusEventEntity> due = StatusEventEntity.getEntityManager().createNativeQuery(
                    "SELECT * FROM status_event WHERE next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                    StatusEventEntity.class).getResultList();
            if (due.isEmpty()) {
                return false;
            }
            StatusEventEntity e = due.get(0);
            if (send(e)) {
                e.delete();
            } else {
                e.attempts++;
                if (e.attempts >= config.webhook().maxAttempts()) {
                    Log.errorf("Webhook for credential %s (%s) given up after %d attempts", e.credentialId, e.status,
                            e.attempts);
                    e.delete();
                } else {
                    e.nextAttemptAt = Instant.now()
                            .plus(config.webhook().initialBackoff().multipliedBy(1L << Math.min(e.attempts - 1, 10)));
                }
            }
            return true;
        });
    }

    private boolean send(StatusEventEntity e) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", "credential.status");
            body.put("credentialId", e.credentialId);
            body.put("status", e.status);
            body.put("previousStatus", e.previousStatus);
            body.put("code", e.code);
            body.put("explanation", e.explanation);
            body.put("since", e.since.toString());
            String payload = json.writeValueAsString(body);
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = WebhookSignature.signed(HttpRequest.newBuilder(config.webhook().url().get())
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), config.webhook().secret().orElse(null),
                    "credential.status", "credential-status-" + e.id, bytes);
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            Log.warnf("Webhook answered HTTP %d for credential %s", status, e.credentialId);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (Exception ex) {
            Log.warnf("Webhook not delivered for credential %s: %s", e.credentialId, ex.getClass().getSimpleName());
        }
        return false;
    }
}
