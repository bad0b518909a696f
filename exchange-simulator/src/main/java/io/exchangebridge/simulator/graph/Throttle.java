package io.exchangebridge.simulator.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Graph's mailbox throttling, per application and mailbox: at most {@code concurrent} requests in flight,
 * {@code requestsPerWindow} requests per {@code window} and {@code uploadBytesPerWindow} request bytes per
 * {@code uploadWindow} (Graph: 4, 10,000 per 10 minutes, 150 MB per 5 minutes). Also remembers every
 * {@code Retry-After} it handed out, to flag clients that come back too early.
 */
public final class Throttle {

    /** Graph's limits. */
    public record Limits(int concurrent, int requestsPerWindow, Duration window, long uploadBytesPerWindow,
            Duration uploadWindow) {

        static final long GRAPH_UPLOAD_BYTES = 150L * 1024 * 1024;
        static final Duration GRAPH_UPLOAD_WINDOW = Duration.ofMinutes(5);

        /** Request limits with Graph's upload limit. */
        public Limits(int concurrent, int requestsPerWindow, Duration window) {
            this(concurrent, requestsPerWindow, window, GRAPH_UPLOAD_BYTES, GRAPH_UPLOAD_WINDOW);
        }

        public static Limits graph() {
            return new Limits(4, 10_000, Duration.ofMinutes(10));
        }
    }

    private record Upload(Instant at, long bytes) {
    }

    /** The outcome of {@link #admit}: rejected with a 429, or admitted until {@link #release()}. */
    final class Admission implements AutoCloseable {
        private final Bucket bucket;
        final boolean earlyRetry;
        final Optional<GraphException> rejection;

        Admission(Bucket bucket, boolean earlyRetry, Optional<GraphException> rejection) {
            this.bucket = bucket;
            this.earlyRetry = earlyRetry;
            this.rejection = rejection;
        }

        @Override
        public void close() {
            if (rejection.isEmpty() && bucket != null) {
                synchronized (bucket) {
                    bucket.inFlight--;
                }
            }
        }
    }

    private static final class Bucket {
        int inFlight;
        final Deque<Instant> recent = new ArrayDeque<>();
        final Deque<Upload> uploads = new ArrayDeque<>();
        long uploadedBytes;
        Instant retryNotBefore = Instant.MIN;
    }

    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;
    private volatile Limits limits = Limits.graph();

    Throttle(Clock clock) {
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    public Throttle enabled(boolean on) {
        this.enabled = on;
        return this;
    }

    public Limits limits() {
        return limits;
    }

    public Throttle limits(Limits newLimits) {
        this.limits = newLimits;
        return this;
    }

    /** Forgets all counters and Retry-After deadlines. */
    public void reset() {
        buckets.clear();
    }

    /**
     * @param requestBytes
     *            the size of the request body, counted against the upload limit
     */
    Admission admit(String appId, String mailbox, long requestBytes) {
        Bucket bucket = bucket(appId, mailbox);
        Instant now = clock.instant();
        synchronized (bucket) {
            boolean early = now.isBefore(bucket.retryNotBefore);
            if (!enabled) {
                bucket.inFlight++;
                return new Admission(bucket, early, Optional.empty());
            }
            Limits current = limits;
            while (!bucket.recent.isEmpty() && !bucket.recent.peekFirst().plus(current.window()).isAfter(now)) {
                bucket.recent.removeFirst();
            }
            if (bucket.inFlight >= current.concurrent()) {
                return rejected(bucket, early, "MailboxConcurrency", Duration.ofSeconds(1), now);
            }
            if (bucket.recent.size() >= current.requestsPerWindow()) {
                Duration wait = Duration.between(now, bucket.recent.peekFirst().plus(current.window()));
                return rejected(bucket, early, "MailboxRequests", wait, now);
            }
            while (!bucket.uploads.isEmpty()
                    && !bucket.uploads.peekFirst().at().plus(current.uploadWindow()).isAfter(now)) {
                bucket.uploadedBytes -= bucket.uploads.removeFirst().bytes();
            }
            if (requestBytes > 0 && bucket.uploadedBytes + requestBytes > current.uploadBytesPerWindow()) {
                Instant frees = bucket.uploads.isEmpty()
                        ? now
                        : bucket.uploads.peekFirst().at().plus(current.uploadWindow());
                return rejected(bucket, early, "IncomingBytes", Duration.between(now, frees), now);
            }
            bucket.inFlight++;
            bucket.recent.addLast(now);
            if (requestBytes > 0) {
                bucket.uploads.addLast(new Upload(now, requestBytes));
                bucket.uploadedBytes += requestBytes;
            }
            return new Admission(bucket, early, Optional.empty());
        }
    }

    private Admission rejected(Bucket bucket, boolean early, String limit, Duration wait, Instant now) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        bucket.retryNotBefore = now.plusSeconds(seconds);
        GraphException e = GraphErrors.throttled(limit,
                Map.of("Retry-After", Long.toString(seconds)));
        return new Admission(bucket, early, Optional.of(e));
    }

    /** Remembers a Retry-After given by a forced fault, so early retries are flagged too. */
    void retryNotBefore(String appId, String mailbox, Instant notBefore) {
        Bucket bucket = bucket(appId, mailbox);
        synchronized (bucket) {
            if (notBefore.isAfter(bucket.retryNotBefore)) {
                bucket.retryNotBefore = notBefore;
            }
        }
    }

    /** Whether a request now would be an early retry; used for requests refused before admission. */
    boolean early(String appId, String mailbox) {
        Bucket bucket = bucket(appId, mailbox);
        synchronized (bucket) {
            return clock.instant().isBefore(bucket.retryNotBefore);
        }
    }

    private Bucket bucket(String appId, String mailbox) {
        return buckets.computeIfAbsent(appId + "|" + mailbox.toLowerCase(Locale.ROOT), key -> new Bucket());
    }
}
