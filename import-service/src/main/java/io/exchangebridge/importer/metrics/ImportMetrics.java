package io.exchangebridge.importer.metrics;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The importer's domain metrics, named as deploy/grafana and deploy/components/prometheus-rules use them:
 * {@code importer_runs_total{outcome}} (one per mailbox import: succeeded, partial, failed, skipped),
 * {@code importer_messages_imported_total{mailbox}}, {@code importer_mailbox_failures_consecutive{mailbox}} (FAILED
 * results in a row up to the latest, from the database, so equal on every replica) and
 * {@code importer_graph_throttled_total} (429/503 answers with Retry-After). The mailbox tag is the mailbox account id:
 * a bounded set, configured by administrators.
 */
@ApplicationScoped
public class ImportMetrics {

    /**
     * Per account, the FAILED results since its latest SUCCEEDED or PARTIAL one (SKIPPED neither counts nor resets).
     */
    private static final String CONSECUTIVE_FAILURES = """
            SELECT m.id, COALESCE(f.failures, 0) FROM mailbox m LEFT JOIN (
                SELECT mailbox_id, count(*) AS failures FROM (
                    SELECT mailbox_id, count(*) FILTER (WHERE status <> 'FAILED')
                           OVER (PARTITION BY mailbox_id ORDER BY finished_at DESC) AS later_successes
                    FROM import_run_mailbox
                    WHERE finished_at > now() - interval '7 days' AND status IN ('SUCCEEDED', 'PARTIAL', 'FAILED')
                ) results WHERE later_successes = 0 GROUP BY mailbox_id
            ) f ON f.mailbox_id = m.id""";

    private final MeterRegistry registry;
    private final EntityManager em;
    private final MultiGauge consecutiveFailures;
    private final Counter throttled;

    public ImportMetrics(MeterRegistry registry, EntityManager em) {
        this.registry = registry;
        this.em = em;
        this.consecutiveFailures = MultiGauge.builder("importer.mailbox.failures.consecutive")
                .description("Imports of the mailbox account that failed in a row, up to its latest")
                .register(registry);
        this.throttled = Counter.builder("importer.graph.throttled")
                .description("Graph answers 429 or 503 with Retry-After").register(registry);
    }

    /** A mailbox's import in a run ended with {@code status} and {@code imported} new messages. */
    public void mailboxDone(String mailboxId, String status, int imported) {
        registry.counter("importer.runs", "outcome", status.toLowerCase(Locale.ROOT)).increment();
        Counter.builder("importer.messages.imported").description("Messages imported, by mailbox account")
                .tag("mailbox", mailboxId).register(registry).increment(imported);
    }

    /** Graph answered 429 or 503 with a Retry-After. */
    public void graphThrottled() {
        throttled.increment();
    }

    @Scheduled(every = "${importer.metrics.refresh-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recount() {
        try {
            List<MultiGauge.Row<?>> rows = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> found = em.createNativeQuery(CONSECUTIVE_FAILURES).getResultList();
                return found.stream().<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(Tags.of("mailbox",
                        (String) r[0]), ((Number) r[1]).doubleValue())).toList();
            });
            consecutiveFailures.register(rows, true);
        } catch (RuntimeException e) {
            // the gauges keep their last values; readiness reports the database itself
            Log.debugf("Import failure gauges not updated: %s", e.getClass().getSimpleName());
        }
    }
}
