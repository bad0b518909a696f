package io.exchangebridge.simulator.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Messages per mailbox in a sliding minute, as Exchange Online counts its 30 messages per minute. */
final class SendingLimit {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> sent = new ConcurrentHashMap<>();

    SendingLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts the message and returns true, or returns false when the mailbox already sent its quota this minute. */
    boolean tryAcquire(String mailbox) {
        Deque<Instant> times = sent.computeIfAbsent(mailbox.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
