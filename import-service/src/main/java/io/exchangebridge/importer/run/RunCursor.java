package io.exchangebridge.importer.run;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The position after a run in the newest-first list: its creation time and id (ties broken by id), handed to clients as
 * an opaque base64url text.
 */
public record RunCursor(Instant createdAt, UUID id) {

    /** The cursor that continues after {@code run}. */
    static RunCursor of(RunView run) {
        return new RunCursor(run.createdAt(), run.id());
    }

    /** The text form for {@code nextCursor}. */
    public String text() {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** A cursor from its text form; empty when the text is not one of ours. */
    public static Optional<RunCursor> parse(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int dot = plain.indexOf('.');
            int slash = plain.indexOf('/');
            if (dot < 1 || slash < dot) {
                return Optional.empty();
            }
            long seconds = Long.parseLong(plain.substring(0, dot));
            int nanos = Integer.parseInt(plain.substring(dot + 1, slash));
            UUID id = UUID.fromString(plain.substring(slash + 1));
            if (nanos < 0 || nanos > 999_999_999 || !id.toString().equals(plain.substring(slash + 1))) {
                return Optional.empty();
            }
            return Optional.of(new RunCursor(Instant.ofEpochSecond(seconds, nanos), id));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
