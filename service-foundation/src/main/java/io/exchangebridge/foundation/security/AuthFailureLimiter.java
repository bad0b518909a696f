package io.exchangebridge.foundation.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Slows and then refuses a client address that keeps failing to authenticate, over HTTP and SMTP alike: in memory, per
 * pod, keyed by the address only (an address that guesses SMTP passwords is refused on REST too). A success clears the
 * address's failures, so a client that mistyped once is not slowed by its earlier mistakes; an address that is refused
 * stays refused until the refusal ends. Counted as {@code bridge_auth_failures_total{protocol}} and
 * {@code bridge_auth_refusals_total{protocol}} (every refused attempt).
 */
@ApplicationScoped
public class AuthFailureLimiter {

    /** What to do with the next attempt of an address. */
    public sealed interface Verdict {
    }

    /** Go ahead. */
    public record Allowed() implements Verdict {
    }

    /** Go ahead after {@code delay}: wait without holding a thread. */
    public record Slowed(Duration delay) implements Verdict {
    }

    /** Do not attempt; the address may try again after {@code retryAfter}. */
    public record Refused(Duration retryAfter) implements Verdict {
    }

    /** Above this many tracked addresses, addresses with nothing left to remember are dropped on the next failure. */
    static final int PURGE_ABOVE = 10_000;

    private static final Verdict ALLOWED = new Allowed();

    private final BridgeAuthConfig.Lockout config;
    private final MeterRegistry registry;
    private final InstantSource clock;
    private final Map<String, Attempts> byAddress = new ConcurrentHashMap<>();

    @Inject
    public AuthFailureLimiter(BridgeAuthConfig config, MeterRegistry registry) {
        this(config.lockout(), registry, InstantSource.system());
    }

    AuthFailureLimiter(BridgeAuthConfig.Lockout config, MeterRegistry registry, InstantSource clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /** The verdict on the next attempt from {@code address}; {@code protocol} is {@code "http"} or {@code "smtp"}. */
    public Verdict check(String address, String protocol) {
        Attempts attempts = byAddress.get(key(address));
        if (attempts == null) {
            return ALLOWED;
        }
        Instant now = clock.instant();
        Verdict verdict = attempts.verdict(now);
        if (verdict instanceof Refused) {
            counter("bridge.auth.refusals", "Attempts refused because their address failed too often", protocol)
                    .increment();
        }
        return verdict;
    }

    /** An attempt from {@code address} failed to authenticate. */
    public void failed(String address, String protocol) {
        counter("bridge.auth.failures", "Failed authentications", protocol).increment();
        if (byAddress.size() > PURGE_ABOVE) {
            Instant now = clock.instant();
            byAddress.values().removeIf(a -> a.forgettable(now));
        }
        byAddress.computeIfAbsent(key(address), k -> new Attempts()).failed(clock.instant());
    }

    /** An attempt from {@code address} authenticated: its failures are forgotten. */
    public void succeeded(String address, String protocol) {
        Attempts attempts = byAddress.get(key(address));
        if (attempts != null) {
            attempts.succeeded();
        }
    }

    int trackedAddresses() {
        return byAddress.size();
    }

    private Counter counter(String name, String description, String protocol) {
        return Counter.builder(name).description(description).tag("protocol", protocol).register(registry);
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }

    /** One address's recent failures and refusal; guarded by its own monitor. */
    private final class Attempts {

        private final Deque<Instant> failures = new ArrayDeque<>();
        private Instant refusedUntil = Instant.MIN;

        synchronized Verdict verdict(Instant now) {
            if (now.isBefore(refusedUntil)) {
                return new Refused(Duration.between(now, refusedUntil));
            }
            forgetOld(now);
            int count = failures.size();
            if (count < config.slowAfter()) {
                return ALLOWED;
            }
            // A linear ramp from a share of max-delay at slow-after to max-delay just before refuse-after.
            int steps = Math.max(1, config.refuseAfter() - config.slowAfter());
            int step = Math.min(steps, count - config.slowAfter() + 1);
            return new Slowed(config.maxDelay().multipliedBy(step).dividedBy(steps));
        }

        synchronized void failed(Instant now) {
            forgetOld(now);
            failures.addLast(now);
            if (failures.size() >= config.refuseAfter()) {
                refusedUntil = now.plus(config.refusal());
                failures.clear();
            }
        }

        synchronized void succeeded() {
            failures.clear();
        }

        synchronized boolean forgettable(Instant now) {
            forgetOld(now);
            return failures.isEmpty() && !now.isBefore(refusedUntil);
        }

        private void forgetOld(Instant now) {
            Instant horizon = now.minus(config.window());
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
                failures.removeFirst();
            }
        }
    }
}
