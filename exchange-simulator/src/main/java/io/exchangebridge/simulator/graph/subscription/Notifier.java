package io.exchangebridge.simulator.graph.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends notifications off the thread that made the change, as Graph does, and retries as Microsoft documents for
 * webhooks ("Receive change notifications through webhooks", HTTP codes and retry logic): a 2xx answer delivers it; any
 * other answer, or none within 10 seconds, is retried with exponentially growing intervals for up to 4 hours (on the
 * simulator clock), while the subscription lives. Duplicates and an extra delay can be switched on for tests.
 */
final class Notifier implements AutoCloseable {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    static final Duration RETRY_FOR = Duration.ofHours(4);

    private final Receivers receivers;
    private final Deliveries deliveries;
    private final Clock clock;
    private final Predicate<String> alive;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graph-notification-timer");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile int copies = 1;
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration firstRetry = Duration.ofSeconds(30);

    /** One POST to make: change or lifecycle notification. */
    private record Post(Delivery.Kind kind, String subscriptionId, String url, String body, Instant firstAt) {
    }

    /**
     * @param alive
     *            whether a subscription still exists: retries of change notifications stop when it is gone
     */
    Notifier(Receivers receivers, Deliveries deliveries, Clock clock, Predicate<String> alive) {
        this.receivers = receivers;
        this.deliveries = deliveries;
        this.clock = clock;
        this.alive = alive;
    }

    void copies(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Each notification is sent at least once");
        }
        this.copies = n;
    }

    void delay(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("A delay cannot be negative");
        }
        this.delay = d;
    }

    void firstRetry(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("The first retry interval must be positive");
        }
        this.firstRetry = d;
    }

    /** Queues a notification: sent after the configured delay, as many times as configured. */
    void send(Delivery.Kind kind, String subscriptionId, String url, ObjectNode body) {
        Post post = new Post(kind, subscriptionId, url, body.toString(), clock.instant());
        for (int i = 0; i < copies; i++) {
            later(post, 1, delay);
        }
    }

    private void later(Post post, int attempt, Duration wait) {
        if (timer.isShutdown()) {
            return;
        }
        if (wait.isZero()) {
            senders.execute(() -> attempt(post, attempt));
        } else {
            timer.schedule(() -> senders.execute(() -> attempt(post, attempt)), wait.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void attempt(Post post, int attempt) {
        if (post.kind() == Delivery.Kind.NOTIFICATION && !alive.test(post.subscriptionId())) {
            return;
        }
        Receivers.Answer answer = receivers.post(post.url(), "application/json; charset=utf-8", post.body(),
                ANSWER_WITHIN);
        Delivery delivery = new Delivery(post.kind(), post.subscriptionId(), post.url(), post.body(),
                answer.status(), attempt, clock.instant());
        deliveries.record(delivery);
        if (delivery.accepted()) {
            return;
        }
        Duration backoff = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        if (clock.instant().plus(backoff).isBefore(post.firstAt().plus(RETRY_FOR))) {
            later(post, attempt + 1, backoff);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
    }
}
