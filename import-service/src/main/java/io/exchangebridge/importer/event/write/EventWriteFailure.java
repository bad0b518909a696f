package io.exchangebridge.importer.event.write;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why an event write was refused. The texts are for the API's client (never a token); the REST edge maps each kind to
 * its problem answer with an {@code errorCode} ({@code rest/FailureProblemMapper}), so this package never speaks HTTP.
 * An unknown mailbox account is a {@code MailboxFailure.NotFound}, a calendar the mailbox does not have the sync's
 * {@code CalendarFailure.NotFound}, a credential without a token the foundation's {@code CredentialFailure}: each has
 * its mapping already.
 */
public abstract sealed class EventWriteFailure extends RuntimeException {

    EventWriteFailure(String detail) {
        super(detail, null, false, false);
    }

    /** The request is wrong; {@code field} names the member or header. */
    public static final class Invalid extends EventWriteFailure {
        private final String field;

        Invalid(String field, String detail) {
            super(detail);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** No event with this id (or one of an account outside the caller's scope, or one deleted). */
    public static final class EventNotFound extends EventWriteFailure {
        EventNotFound(String id) {
            super("No event '" + id + "'.");
        }
    }

    /** The account has no calendar sync, so no calendar to write to. */
    public static final class CalendarSyncOff extends EventWriteFailure {
        CalendarSyncOff(String accountId) {
            super("Mailbox account '" + accountId + "' does not sync a calendar; set its 'calendar' to write events.");
        }
    }

    /** The Idempotency-Key was used before, for another request. */
    public static final class KeyReused extends EventWriteFailure {
        KeyReused(String accountId) {
            super("This Idempotency-Key was used before for a different event of mailbox account '" + accountId
                    + "'; use a new key for a new event.");
        }
    }

    /** Only the organizer may cancel a meeting. */
    public static final class NotOrganizer extends EventWriteFailure {
        NotOrganizer(String id) {
            super("Event '" + id + "' is organized by someone else; only the organizer can cancel it (an attendee "
                    + "declines or deletes it instead).");
        }
    }

    /**
     * The event changed in Exchange since the change key the client sent: nothing was written. {@code yours} is what
     * the client asked for, {@code current} what Exchange has now.
     */
    public static final class Conflict extends EventWriteFailure {
        private final Version yours;
        private final Version current;

        Conflict(String id, Version yours, Version current) {
            super("Event '" + id + "' was changed in Exchange since change key '" + yours.changeKey()
                    + "'; nothing was written. Compare 'yours' with 'current' and PATCH again with If-Match of the "
                    + "current change key.");
            this.yours = yours;
            this.current = current;
        }

        public Version yours() {
            return yours;
        }

        public Version current() {
            return current;
        }
    }

    /** A side of a {@link Conflict}: start, end, subject and, for Exchange's, its change key and last change. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(EventWriteRequest.Time start, EventWriteRequest.Time end, String subject, String changeKey,
            Instant lastModified) {
    }

    /** Graph is throttling or unavailable: try again after {@link #retryAfter()}. */
    public static final class Unavailable extends EventWriteFailure {
        private final Duration retryAfter;

        Unavailable(String detail, Duration retryAfter) {
            super(detail);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Graph refused the write; {@code kind} says why, {@code graphCode} is Graph's error code (may be empty). */
    public static final class GraphRefused extends EventWriteFailure {

        /** What Graph's refusal means; the names are the API's {@code errorCode}s. */
        public enum Kind {
            /** The credential lacks Calendars.ReadWrite, or an application access policy excludes the mailbox. */
            ACCESS_DENIED,
            /** On-premises, inactive or unlicensed mailbox. */
            MAILBOX_NOT_ENABLED_FOR_REST,
            /** No such mailbox in the tenant. */
            MAILBOX_NOT_FOUND,
            /** The event was deleted in Exchange meanwhile. */
            EVENT_GONE,
            /** Graph rejected what we sent (such as an unknown time zone). */
            GRAPH_REJECTED,
            /** Graph rejected even a fresh token. */
            UNAUTHORIZED,
            /** Any other Graph error. */
            GRAPH_ERROR
        }

        private final Kind kind;
        private final String graphCode;

        GraphRefused(Kind kind, String graphCode, String detail) {
            super(detail);
            this.kind = kind;
            this.graphCode = graphCode;
        }

        public Kind kind() {
            return kind;
        }

        public String graphCode() {
            return graphCode;
        }
    }
}
