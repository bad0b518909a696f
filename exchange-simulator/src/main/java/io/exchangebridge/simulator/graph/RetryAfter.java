package io.exchangebridge.simulator.graph;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How a forced 429 tells the client to wait: {@code Retry-After} in seconds (the usual form), as an HTTP date, or not
 * at all (the client must then back off on its own).
 */
public record RetryAfter(Form form, Duration delay) {

    public enum Form {
        SECONDS, HTTP_DATE, MISSING
    }

    public static RetryAfter seconds(long seconds) {
        return new RetryAfter(Form.SECONDS, Duration.ofSeconds(seconds));
    }

    public static RetryAfter httpDate(Duration delay) {
        return new RetryAfter(Form.HTTP_DATE, delay);
    }

    public static RetryAfter missing() {
        return new RetryAfter(Form.MISSING, Duration.ZERO);
    }

    /** The header value at {@code now}, or empty when the header is to be left out. */
    Optional<String> header(Instant now) {
        return switch (form) {
            case SECONDS -> Optional.of(Long.toString(delay.toSeconds()));
            case HTTP_DATE -> Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(now.plus(delay).atOffset(ZoneOffset.UTC)));
            case MISSING -> Optional.empty();
        };
    }

    /** Parses {@code seconds:N}, {@code date:N} (N seconds ahead) or {@code none}, the admin API's notation. */
    public static RetryAfter parse(String text) {
        if (text == null || text.isBlank() || text.equals("none")) {
            return missing();
        }
        String[] parts = text.split(":", 2);
        long seconds = Long.parseLong(parts[parts.length - 1].trim());
        return parts[0].equals("date") ? httpDate(Duration.ofSeconds(seconds)) : seconds(seconds);
    }
}
