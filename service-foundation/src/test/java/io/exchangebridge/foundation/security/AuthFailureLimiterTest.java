package io.exchangebridge.foundation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.exchangebridge.foundation.security.AuthFailureLimiter.Allowed;
import io.exchangebridge.foundation.security.AuthFailureLimiter.Refused;
import io.exchangebridge.foundation.security.AuthFailureLimiter.Slowed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AuthFailureLimiterTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(lockout(5, 20), registry, () -> now);

    @Test
    void allowsUntilSlowAfterThenSlowsUpToMaxDelayThenRefuses() {
        fail("10.0.0.1", 4);
        assertThat(limiter.check("10.0.0.1", "http")).isInstanceOf(Allowed.class);

        limiter.failed("10.0.0.1", "http");
        assertThat(limiter.check("10.0.0.1", "http")).isEqualTo(new Slowed(Duration.ofSeconds(2).dividedBy(15)));
        fail("10.0.0.1", 14);
        assertThat(limiter.check("10.0.0.1", "http")).isEqualTo(new Slowed(Duration.ofSeconds(2)));

        limiter.failed("10.0.0.1", "http");
        assertThat(limiter.check("10.0.0.1", "http")).isEqualTo(new Refused(Duration.ofMinutes(15)));
        now = now.plus(Duration.ofMinutes(10));
        assertThat(limiter.check("10.0.0.1", "smtp")).isEqualTo(new Refused(Duration.ofMinutes(5)));

        assertThat(registry.get("bridge.auth.failures").tag("protocol", "http").counter().count()).isEqualTo(20);
        assertThat(registry.get("bridge.auth.refusals").tag("protocol", "http").counter().count()).isEqualTo(1);
        assertThat(registry.get("bridge.auth.refusals").tag("protocol", "smtp").counter().count()).isEqualTo(1);
    }

    @Test
    void aRefusalEndsAndStartsAfresh() {
        for (int i = 0; i < 20; i++) {
            limiter.failed("10.0.0.1", "smtp");
        }
        now = now.plus(Duration.ofMinutes(15));
        assertThat(limiter.check("10.0.0.1", "smtp")).isInstanceOf(Allowed.class);
    }

    @Test
    void otherAddressesAreNotAffected() {
        fail("10.0.0.1", 25);
        assertThat(limiter.check("10.0.0.1", "http")).isInstanceOf(Refused.class);
        assertThat(limiter.check("10.0.0.2", "http")).isInstanceOf(Allowed.class);
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        fail("10.0.0.1", 10);
        now = now.plus(Duration.ofMinutes(10));
        assertThat(limiter.check("10.0.0.1", "http")).isInstanceOf(Allowed.class);
        fail("10.0.0.1", 19);
        assertThat(limiter.check("10.0.0.1", "http")).isInstanceOf(Slowed.class);
    }

    @Test
    void aSuccessForgetsTheFailuresButNotARefusal() {
        fail("10.0.0.1", 10);
        limiter.succeeded("10.0.0.1", "http");
        assertThat(limiter.check("10.0.0.1", "http")).isInstanceOf(Allowed.class);

        fail("10.0.0.1", 20);
        limiter.succeeded("10.0.0.1", "http");
        assertThat(limiter.check("10.0.0.1", "http")).isInstanceOf(Refused.class);
    }

    @Test
    void addressesWithNothingToRememberAreDroppedWhenManyAreTracked() {
        for (int i = 0; i <= AuthFailureLimiter.PURGE_ABOVE; i++) {
            limiter.failed("address-" + i, "http");
        }
        now = now.plus(Duration.ofMinutes(11));
        limiter.failed("10.0.0.1", "http");
        assertThat(limiter.trackedAddresses()).isEqualTo(1);
    }

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            limiter.failed(address, "http");
        }
    }

    static BridgeAuthConfig.Lockout lockout(int slowAfter, int refuseAfter) {
        return new BridgeAuthConfig.Lockout() {
            @Override
            public int slowAfter() {
                return slowAfter;
            }

            @Override
            public int refuseAfter() {
                return refuseAfter;
            }

            @Override
            public Duration window() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration refusal() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
