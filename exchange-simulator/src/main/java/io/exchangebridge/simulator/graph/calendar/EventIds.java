package io.exchangebridge.simulator.graph.calendar;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import io.exchangebridge.simulator.graph.store.GraphIds;

/**
 * Ids of the calendar: events and calendars shaped like Exchange's, change keys, iCalUIds, and occurrence ids that name
 * their series master and original start (Exchange's occurrence ids, too, are derived from the master's), so an
 * occurrence needs no row of its own until it becomes an exception.
 */
final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OCCURRENCE_PREFIX = "AAMkOc";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** An occurrence's master and original start. */
    record Occurrence(String masterId, Instant originalStart) {
    }

    private EventIds() {
    }

    static String event() {
        return GraphIds.restMessageId();
    }

    static String calendar() {
        return "AAMkAGC" + URL.encodeToString(bytes(40));
    }

    /** Exchange change keys are base64 of about 20 bytes. */
    static String changeKey() {
        return Base64.getEncoder().encodeToString(bytes(20));
    }

    /** The Outlook iCalendar UID prefix followed by random hex, as Exchange makes them. */
    static String iCalUId() {
        return "040000008200E00074C5B7101A82E00800000000" + HexFormat.of().withUpperCase().formatHex(bytes(24));
    }

    static String occurrence(String masterId, Instant originalStart) {
        return OCCURRENCE_PREFIX + URL.encodeToString((masterId + "|" + originalStart.toEpochMilli()).getBytes(
                StandardCharsets.UTF_8));
    }

    static Optional<Occurrence> parseOccurrence(String id) {
        if (id == null || !id.startsWith(OCCURRENCE_PREFIX)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(id.substring(OCCURRENCE_PREFIX.length())),
                    StandardCharsets.UTF_8);
            int bar = decoded.lastIndexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            return Optional.of(new Occurrence(decoded.substring(0, bar),
                    Instant.ofEpochMilli(Long.parseLong(decoded.substring(bar + 1)))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean wellFormed(String id) {
        return GraphIds.wellFormed(id);
    }

    private static byte[] bytes(int n) {
        byte[] buffer = new byte[n];
        RANDOM.nextBytes(buffer);
        return buffer;
    }
}
