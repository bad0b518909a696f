package io.exchangebridge.importer.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Retry-After gate of one mailbox: once Graph asked to wait, no request of the mailbox leaves before the time (plus
 * a margin) has passed; without a Retry-After the wait is a jittered exponential backoff.
 */
final class RetryGate {

    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Object lock = new Object();
    private Instant notBefore = Instant.EPOCH;

    RetryGate(Duration backoffBase, Duration backoffMax) {
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
    }

    /** Closes the gate until Retry-After (plus a margin) or, when it is null, the backoff of {@code attempt}. */
    void close(int attempt, Duration retryAfter) {
        Duration wait;
        if (retryAfter != null) {
            wait = retryAfter.plusMillis(100);
        } else {
            long baseMillis = backoffBase.toMillis();
            long max = backoffMax.toMillis();
            long exp = Math.min(max, baseMillis * (1L << Math.min(20, attempt)));
            wait = Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
        }
        Instant until = Instant.now().plus(wait);
        synchronized (lock) {
            if (until.isAfter(notBefore)) {
                notBefore = until;
            }
        }
    }

    /** Returns when the gate is open. */
    void await() {
        while (true) {
            Instant until;
            synchronized (lock) {
                until = notBefore;
            }
            long millis = Duration.between(Instant.now(), until).toMillis();
            if (millis <= 0) {
                return;
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphException(0, "Interrupted", "Interrupted.");
            }
        }
    }
}
