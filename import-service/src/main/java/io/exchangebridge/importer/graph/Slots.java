package io.exchangebridge.importer.graph;

import java.util.concurrent.Semaphore;

import io.quarkus.logging.Log;

/** The concurrent requests one mailbox may have: a fair semaphore whose permits can be lowered while they are held. */
final class Slots extends Semaphore {

    private int limit;

    Slots(int permits) {
        super(permits, true);
        this.limit = permits;
    }

    synchronized void limit(int wanted) {
        int target = Math.max(1, wanted);
        if (target < limit) {
            reducePermits(limit - target);
            Log.debugf("Graph concurrency for this mailbox lowered to %d", target);
            limit = target;
        }
    }
}
