package io.exchangebridge.smtp.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.exchangebridge.smtp.route.Transport;
import io.quarkus.logging.Log;

/**
 * When a temporary failure is tried again: exponential backoff with jitter from {@code relay.outbox.initial-backoff},
 * capped at {@code max-backoff}, at least a given {@code Retry-After}; FAILED once {@code max-age} would be passed.
 */
final class RetryPolicy {

    private final RelayConfig.Outbox config;

    RetryPolicy(RelayConfig.Outbox config) {
        this.config = config;
    }

    Outcome retryOrFail(ClaimedMessage m, String reply, String explanation, Duration retryAfter, Transport used) {
        Instant now = Instant.now();
        Duration delay = backoff(m.attempts());
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        if (m.createdAt().plus(config.maxAge()).isBefore(now.plus(delay))) {
            return new Outcome.Failed(reply, "Gave up after " + m.attempts() + " attempts over " + config.maxAge()
                    + ": " + explanation, used);
        }
        Log.infof("Delivery of %s failed temporarily (%s); retrying in %s", m.id(), reply, delay);
        return new Outcome.Retry(reply, explanation, now.plus(delay), used);
    }

    /** Exponential backoff from the initial delay, capped, with "equal jitter" (half fixed, half random). */
    Duration backoff(int attempts) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long exp = initial << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(Math.max(exp, 0), max);
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
