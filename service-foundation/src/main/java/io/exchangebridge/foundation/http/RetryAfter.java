package io.exchangebridge.foundation.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reader of HTTP {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Microsoft sends seconds
 * as a rule, an HTTP-date now and then, and sometimes nothing; retrying before the time has passed is a bug, so a date
 * is rounded up by one second (dates have whole seconds only).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** How long to wait, or empty when the header is missing or unreadable (then back off exponentially). */
    public static Optional<Duration> parse(String header) {
        return parse(header, Clock.systemUTC());
    }

    public static Optional<Duration> parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at.plusSeconds(1));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
