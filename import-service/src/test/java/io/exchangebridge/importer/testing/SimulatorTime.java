package io.exchangebridge.importer.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * In tests the importer's clock is the simulator's: {@code sim.clock().advance(...)} moves the calendar window as it
 * moves Graph's "now" (the system clock when no simulator runs).
 */
public class SimulatorTime {

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return SimulatorResource.sim() == null ? Instant.now() : SimulatorResource.sim().clock().instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }
        };
    }
}
