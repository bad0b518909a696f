package io.exchangebridge.foundation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("-3", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateAndNeverAnswersEarly() {
        // Dates carry whole seconds: one second more, so a retry can never come before the date.
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 10:00:20 GMT", NOW)).contains(Duration.ofSeconds(21));
        assertThat(RetryAfter.parse("Tue, 01 Dec 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void missingOrUnreadableIsEmpty() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("  ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    }
}
