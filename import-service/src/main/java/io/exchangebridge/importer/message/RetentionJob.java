package io.exchangebridge.importer.message;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.importer.config.ImporterConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Purges acknowledged messages {@code importer.retention.acknowledged-for} after their acknowledgement. */
@ApplicationScoped
public class RetentionJob {

    private final MessageDelivery store;
    private final ImporterConfig config;

    public RetentionJob(MessageDelivery store, ImporterConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(identity = "retention", every = "${importer.retention.every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Deletes what is due now; returns how many messages were purged. */
    public int purge() {
        int purged = store.purgeAcknowledgedBefore(Instant.now().minus(config.retention().acknowledgedFor()));
        if (purged > 0) {
            Log.infof("Retention purged %d acknowledged message(s)", purged);
        }
        return purged;
    }
}
