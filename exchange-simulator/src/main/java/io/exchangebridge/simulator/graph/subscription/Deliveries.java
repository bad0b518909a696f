package io.exchangebridge.simulator.graph.subscription;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** What the simulator POSTed to subscribers, newest last; the oldest are forgotten past a bound. */
final class Deliveries {

    private static final int KEPT = 20_000;

    private final Deque<Delivery> recorded = new ArrayDeque<>();

    synchronized void record(Delivery delivery) {
        recorded.addLast(delivery);
        if (recorded.size() > KEPT) {
            recorded.removeFirst();
        }
    }

    synchronized List<Delivery> all() {
        return List.copyOf(recorded);
    }

    synchronized void clear() {
        recorded.clear();
    }
}
