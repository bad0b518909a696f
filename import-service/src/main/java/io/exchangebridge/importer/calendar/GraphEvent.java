package io.exchangebridge.importer.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Graph's JSON of an event ({@code microsoft.graph.event}), as calendarView/delta and the event endpoints answer it;
 * unknown members are ignored. The sync asks for times in UTC ({@code Prefer: outlook.timezone="UTC"}); writers should
 * too, though {@link DateTimeTimeZone#toInstant()} also reads IANA zone names.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphEvent(String id, @JsonProperty("iCalUId") String iCalUId, String type, String seriesMasterId,
        String subject, Body body, String bodyPreview, DateTimeTimeZone start, DateTimeTimeZone end,
        String originalStartTimeZone, String originalEndTimeZone, @JsonProperty("isAllDay") Boolean isAllDay,
        Location location, Recipient organizer, List<Attendee> attendees, String showAs, String sensitivity,
        List<String> categories, @JsonProperty("isOnlineMeeting") Boolean isOnlineMeeting,
        OnlineMeeting onlineMeeting, String onlineMeetingUrl, @JsonProperty("isCancelled") Boolean isCancelled,
        @JsonProperty("isOrganizer") Boolean isOrganizer, OffsetDateTime createdDateTime,
        OffsetDateTime lastModifiedDateTime, String changeKey, String transactionId,
        List<ExtendedProperty> singleValueExtendedProperties) {

    /** {@code itemBody}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(String contentType, String content) {
    }

    /** {@code dateTimeTimeZone}: a local date-time ({@code 2026-12-03T09:00:00.0000000}) and its zone. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DateTimeTimeZone(String dateTime, String timeZone) {

        /** The instant; a zone Java does not know (a Windows name) is refused rather than guessed. */
        public Instant toInstant() {
            LocalDateTime local = LocalDateTime.parse(dateTime);
            if (timeZone == null || timeZone.isBlank() || "UTC".equalsIgnoreCase(timeZone)
                    || "tzone://Microsoft/Utc".equalsIgnoreCase(timeZone)) {
                return local.toInstant(ZoneOffset.UTC);
            }
            try {
                return local.atZone(ZoneId.of(timeZone)).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "Time zone '" + timeZone + "' is not an IANA zone; ask Graph for UTC.",
                        e);
            }
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Location(String displayName) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EmailAddress(String name, String address) {
    }

    /** {@code recipient}: the organizer. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recipient(EmailAddress emailAddress) {
    }

    /** {@code responseStatus}: {@code none|organizer|tentativelyAccepted|accepted|declined|notResponded}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResponseStatus(String response, OffsetDateTime time) {
    }

    /** {@code attendee}: type {@code required|optional|resource}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attendee(String type, ResponseStatus status, EmailAddress emailAddress) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OnlineMeeting(String joinUrl) {
    }

    /** A {@code singleValueExtendedProperties} entry (Graph sends values as strings). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExtendedProperty(String id, String value) {
    }

    public boolean allDay() {
        return isAllDay != null && isAllDay;
    }

    public boolean cancelled() {
        return isCancelled != null && isCancelled;
    }

    /** The join link: {@code onlineMeeting.joinUrl}, else the older {@code onlineMeetingUrl}. */
    public String joinUrl() {
        if (onlineMeeting != null && onlineMeeting.joinUrl() != null) {
            return onlineMeeting.joinUrl();
        }
        return onlineMeetingUrl;
    }
}
