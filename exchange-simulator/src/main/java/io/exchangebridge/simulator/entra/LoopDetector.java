package io.exchangebridge.simulator.entra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entra's loop detection: a client asking for the same token (client, user, resource) too often in a minute gets
 * AADSTS50196 instead of a token. Off unless {@link EntraSettings#loopDetectionThreshold()} is set.
 */
final class LoopDetector {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final EntraSettings settings;
    private final Map<String, Deque<Instant>> issued = new ConcurrentHashMap<>();

    LoopDetector(Clock clock, EntraSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    /** Counts one more identical request; throws AADSTS50196 when the threshold is reached within a minute. */
    void check(String clientId, String subject, String resource) {
        int threshold = settings.loopDetectionThreshold();
        if (threshold <= 0) {
            return;
        }
        Instant now = clock.instant();
        Deque<Instant> times = issued.computeIfAbsent(clientId + "|" + subject + "|" + resource,
                k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.removeFirst();
            }
            if (times.size() >= threshold) {
                throw new EntraException(400, "invalid_request", 50196,
                        "The server terminated an operation because it encountered a client request loop. Please contact your app vendor.");
            }
            times.addLast(now);
        }
    }
}
