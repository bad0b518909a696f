package io.exchangebridge.importer.mailbox;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A mailbox account as the API shows it; {@code credential} is present after a save (the broker's verdict). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailboxView(String id, String mailbox, String credentialId, String folder, AfterImport afterImport,
        String moveToFolder, String oversizeFolder, boolean onlyUnread, long maxMessageBytes, boolean enabled,
        String webhookUrl, boolean webhookSecretSet, Instant createdAt, Instant updatedAt,
        CredentialStatus credential, boolean importMail, CalendarView calendar, Notifications notifications) {

    /**
     * How new mail and event changes reach the service: {@code subscribed} (Graph change notifications) or
     * {@code polling} (the scheduled runs only), with the reason.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notifications(String mode, String reason, List<Subscription> subscriptions) {

        public static Notifications polling(String reason) {
            return new Notifications("polling", reason, List.of());
        }
    }

    /** One active subscription; {@code failure} says why its last renewal failed, if it did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subscription(String kind, String resource, Instant expiresAt, String failure) {
    }

    /** The calendar sync: its settings, and the window and time of the last completed sync once there was one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalendarView(String name, int daysBack, int daysAhead, Instant windowStart, Instant windowEnd,
            Instant lastSyncedAt) {
    }

    /** What the credential-service said about the credential when the account was saved. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CredentialStatus(String status, String code, String detail, String consentUrl) {
    }

    static MailboxView of(MailboxEntity e, CredentialStatus credential, Notifications notifications) {
        return new MailboxView(e.id, e.mailbox, e.credentialId, e.folder, e.afterImport, e.moveToFolder,
                e.oversizeFolder, e.onlyUnread, e.maxMessageBytes, e.enabled, e.webhookUrl, e.webhookSecret != null,
                e.createdAt, e.updatedAt, credential, e.importMail,
                e.calendarEnabled
                        ? new CalendarView(e.calendarName, e.calendarDaysBack, e.calendarDaysAhead,
                                e.calendarWindowStart, e.calendarWindowEnd, e.calendarSyncedAt)
                        : null,
                notifications);
    }
}
