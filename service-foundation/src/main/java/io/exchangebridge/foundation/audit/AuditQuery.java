package io.exchangebridge.foundation.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.exchangebridge.foundation.problem.ProblemException;

/**
 * The filters of {@code GET /api/audit}. Text filters match case-insensitively: {@code actor} anywhere in the actor,
 * {@code action} as a prefix ({@code mailbox.} finds every mailbox action), {@code target} exactly.
 *
 * @param before
 *            only entries older than this id (the cursor)
 */
public record AuditQuery(String actor, String action, String target, Instant from, Instant to, Long before,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Reads the query parameters; anything malformed is a 400 naming the parameter. */
    public static AuditQuery of(String actor, String action, String target, String from, String to, String cursor,
            Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        Long before = null;
        if (blankToNull(cursor) != null) {
            try {
                before = Long.parseLong(cursor.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("cursor is not one this service gave out");
            }
        }
        return new AuditQuery(blankToNull(actor), blankToNull(action), blankToNull(target), instant("from", from),
                instant("to", to), before, n);
    }

    private static Instant instant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
