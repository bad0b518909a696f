package io.exchangebridge.credential.status;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Prometheus metrics: {@code credential_status{status}} (credentials per status, from the database, so equal on every
 * replica), {@code credential_token_handouts_total{source}} (memory, database, entra, not_ready, unavailable),
 * {@code credential_entra_calls_total{outcome}}, {@code credential_entra_errors_total{code}} (AADSTS code) and
 * {@code credential_secret_expiring_soon} (secrets or certificates expiring within the warning days, or expired).
 */
@ApplicationScoped
public class StatusMetrics {

    private final MeterRegistry registry;
    private final EntityManager em;
    private final Map<CredentialStatus, AtomicLong> perStatus = new EnumMap<>(CredentialStatus.class);
    private final Map<String, Counter> handouts = new ConcurrentHashMap<>();
    private final AtomicLong expiringSoon = new AtomicLong();
    private final int warningDays;

    public StatusMetrics(MeterRegistry registry, EntityManager em,
            CredentialConfig config) {
        this.registry = registry;
        this.em = em;
        this.warningDays = config.secretExpiryWarningDays();
        registry.gauge("credential.secret.expiring.soon", expiringSoon);
        for (CredentialStatus s : CredentialStatus.values()) {
            AtomicLong value = new AtomicLong();
            perStatus.put(s, value);
            registry.gauge("credential.status", List.of(Tag.of("status",
                    s.name())), value);
        }
    }

    public void handout(String source) {
        handouts.computeIfAbsent(source,
                s -> Counter.builder("credential.token.handouts").tag("source", s)
                        .description("Token hand-outs by where the token came from").register(registry))
                .increment();
    }

    public void entraCall(String outcome) {
        registry.counter("credential.entra.calls", "outcome", outcome).increment();
    }

    public void entraError(String code) {
        registry.counter("credential.entra.errors", "code", code).increment();
    }

    /** Recounts credentials per status. */
    @Scheduled(every = "15s", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void recount() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                perStatus.values().forEach(v -> v.set(0));
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em
                        .createNativeQuery("SELECT status, count(*) FROM credential GROUP BY status").getResultList();
                for (Object[] row : rows) {
                    perStatus.get(CredentialStatus.valueOf((String) row[0])).set(((Number) row[1]).longValue());
                }
                expiringSoon.set(((Number) em.createNativeQuery(
                        "SELECT count(*) FROM credential WHERE secret_expires_at < now() + make_interval(days => ?1)")
                        .setParameter(1, warningDays).getSingleResult()).longValue());
            });
        } catch (RuntimeException e) {
            Log.debugf("Status gauges not updated: %s", e.getClass().getSimpleName());
        }
    }
}
