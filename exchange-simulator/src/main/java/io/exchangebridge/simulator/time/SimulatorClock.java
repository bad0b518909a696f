package io.exchangebridge.simulator.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's notion of now: the system clock plus an offset tests can advance, so that "90 days of inactivity" or
 * "the secret expired yesterday" need no waiting. Token {@code iat}/{@code exp} claims use it too, so clients with a
 * real clock see tokens from the future after an advance; advance by whole lifetimes to stay plausible.
 */
public final class SimulatorClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public SimulatorClock(Clock base) {
        this.base = base;
    }

    public SimulatorClock() {
        this(Clock.systemUTC());
    }

    /** Moves the simulator's time forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The simulator clock is always UTC");
    }
}
