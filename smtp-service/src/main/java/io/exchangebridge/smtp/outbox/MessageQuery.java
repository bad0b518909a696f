package io.exchangebridge.smtp.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The filters of an outbox listing; null (or an empty set) is "any".
 *
 * @param submittedBy
 *            only messages this user submitted (a sender's own); null for an admin, who sees all
 * @param after
 *            only messages older than this one (the cursor of the previous page)
 */
public record MessageQuery(String submittedBy, String sender, String recipient, String subject,
        Set<MessageStatus> statuses, Instant from, Instant to, String idempotencyKey, Cursor after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** A position in the listing's order: a message's creation time (microseconds, as stored) and id. */
    public record Cursor(Instant createdAt, UUID id) {

        /** An opaque text for clients. */
        public String encode() {
            long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                    createdAt.getNano() / 1_000);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "/" + id).getBytes(StandardCharsets.US_ASCII));
        }

        /** The cursor an {@link #encode()} gave out; empty for any other text. */
        public static Optional<Cursor> decode(String text) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
                int slash = plain.indexOf('/');
                if (slash < 0) {
                    return Optional.empty();
                }
                long micros = Long.parseLong(plain.substring(0, slash));
                UUID id = UUID.fromString(plain.substring(slash + 1));
                return Optional.of(new Cursor(
                        Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                                Math.floorMod(micros, 1_000_000L) * 1_000L),
                        id));
            } catch (IllegalArgumentException | ArithmeticException e) {
                return Optional.empty();
            }
        }
    }
}
