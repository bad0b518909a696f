package io.exchangebridge.simulator.graph.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event as Exchange keeps it: a single instance or series master in the store, or an occurrence or exception of a
 * series as calendarView expands it. Immutable; every change yields a new instance with a new change key.
 *
 * <p> {@code content} holds the properties a client sets (subject, body, start, end, attendees, recurrence...) as Graph
 * JSON; the rest is Exchange's own bookkeeping.
 */
public final class StoredEvent {

    private final String id;
    private final String calendarId;
    private final String iCalUId;
    private final String type;
    private final String seriesMasterId;
    private final Instant originalStart;
    private final ObjectNode content;
    private final Map<String, String> extendedProperties;
    private final String changeKey;
    private final Instant createdAt;
    private final Instant lastModifiedAt;
    private final String transactionId;
    private final boolean cancelled;
    private final Organizer organizer;
    /** Parsed once: calendarView sorts and windows by them. */
    private final Instant start;
    private final Instant end;

    /** The organizer's name and address. */
    public record Organizer(String name, String address) {
    }

    StoredEvent(String id, String calendarId, String iCalUId, String type, String seriesMasterId, Instant originalStart,
            ObjectNode content, Map<String, String> extendedProperties, String changeKey, Instant createdAt,
            Instant lastModifiedAt, String transactionId, boolean cancelled, Organizer organizer) {
        this.id = id;
        this.calendarId = calendarId;
        this.iCalUId = iCalUId;
        this.type = type;
        this.seriesMasterId = seriesMasterId;
        this.originalStart = originalStart;
        // callers hand over a content object of their own (a copy or a new one); content() answers copies
        this.content = content;
        this.extendedProperties = Map.copyOf(extendedProperties);
        this.changeKey = changeKey;
        this.createdAt = createdAt;
        this.lastModifiedAt = lastModifiedAt;
        this.transactionId = transactionId;
        this.cancelled = cancelled;
        this.organizer = organizer;
        this.start = instant(content.path("start"));
        this.end = instant(content.path("end"));
    }

    public String id() {
        return id;
    }

    public String calendarId() {
        return calendarId;
    }

    public String iCalUId() {
        return iCalUId;
    }

    /** {@code singleInstance}, {@code seriesMaster}, {@code occurrence} or {@code exception}. */
    public String type() {
        return type;
    }

    /** The series master of an occurrence or exception. */
    public Optional<String> seriesMasterId() {
        return Optional.ofNullable(seriesMasterId);
    }

    /** Where an occurrence or exception was scheduled by the series (the key of an exception). */
    public Optional<Instant> originalStart() {
        return Optional.ofNullable(originalStart);
    }

    public String subject() {
        return content.path("subject").asText("");
    }

    public String changeKey() {
        return changeKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastModifiedAt() {
        return lastModifiedAt;
    }

    /** The client's {@code transactionId} of the create, if it sent one. */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public boolean isAllDay() {
        return content.path("isAllDay").asBoolean(false);
    }

    public Organizer organizer() {
        return organizer;
    }

    /** The value of a single-value extended property by its id (compared ignoring case, as Exchange does). */
    public Optional<String> extendedProperty(String propertyId) {
        return extendedProperties.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(propertyId))
                .map(Map.Entry::getValue).findFirst();
    }

    public Map<String, String> extendedProperties() {
        return extendedProperties;
    }

    /** The client-set properties as Graph JSON (a copy). */
    public ObjectNode content() {
        return content.deepCopy();
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public Duration duration() {
        return Duration.between(start(), end());
    }

    /** The zone the event was created in ({@code originalStartTimeZone}), UTC when it named none Exchange knows. */
    ZoneId startZone() {
        return TimeZones.zone(content.path("start").path("timeZone").asText(null)).orElse(ZoneOffset.UTC);
    }

    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && (end.isAfter(from) || (start.equals(end) && !start.isBefore(from)));
    }

    /**
     * {@code If-Match} as Graph checks it: {@code W/"ck"}, {@code "ck"} or {@code ck} must be the current change key;
     * {@code *} matches anything; no header, no check.
     */
    void checkIfMatch(Optional<String> ifMatch) {
        if (ifMatch.isEmpty() || ifMatch.get().trim().equals("*")) {
            return;
        }
        String expected = ifMatch.get().trim();
        if (expected.startsWith("W/")) {
            expected = expected.substring(2);
        }
        if (!expected.replace("\"", "").equals(changeKey)) {
            throw CalendarFailure.changeKeyMismatch();
        }
    }

    /** The content itself, for reading only (JSON rendering), without the copy {@link #content()} makes. */
    JsonNode rawContent() {
        return content;
    }

    JsonNode raw(String property) {
        return content.get(property);
    }

    StoredEvent changed(ObjectNode newContent, Map<String, String> newProperties, String newChangeKey, Instant at,
            boolean isCancelled) {
        return new StoredEvent(id, calendarId, iCalUId, type, seriesMasterId, originalStart, newContent, newProperties,
                newChangeKey, createdAt, at, transactionId, isCancelled, organizer);
    }

    /** This series master's occurrence at {@code start}, or an exception with its own content. */
    StoredEvent instance(String instanceId, String instanceType, Instant occurrenceStart, ObjectNode instanceContent,
            String instanceChangeKey, Instant modifiedAt, boolean isCancelled) {
        return new StoredEvent(instanceId, calendarId, iCalUId, instanceType, id, occurrenceStart, instanceContent,
                extendedProperties, instanceChangeKey, createdAt, modifiedAt, transactionId, isCancelled, organizer);
    }

    /** A {@code dateTimeTimeZone} as an instant; an unknown zone counts as UTC (validated on create). */
    static Instant instant(JsonNode dateTimeTimeZone) {
        LocalDateTime local = TimeZones.localDateTime(dateTimeTimeZone.path("dateTime").asText(null))
                .orElse(LocalDateTime.of(1970, 1, 1, 0, 0));
        ZoneId zone = TimeZones.zone(dateTimeTimeZone.path("timeZone").asText(null)).orElse(ZoneOffset.UTC);
        return local.atZone(zone).toInstant();
    }

    @Override
    public String toString() {
        return "StoredEvent[" + type + " " + id + " '" + subject() + "' " + start() + "]";
    }
}
