package io.exchangebridge.credential.ui.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A mailbox account of the import-service as {@code GET /api/mailboxes/{id}} answers it (the webhook secret is never in
 * it: only whether one is set).
 */
public record Mailbox(String id, String mailbox, String credentialId, String folder, String afterImport,
        String moveToFolder, String oversizeFolder, boolean onlyUnread, long maxMessageBytes, boolean enabled,
        String webhookUrl, boolean webhookSecretSet, Instant createdAt, Instant updatedAt, Boolean importMail,
        Calendar calendar, Notifications notifications) {

    /** Whether mail is imported: an import-service without calendar sync sends no {@code importMail}. */
    public boolean importsMail() {
        return importMail == null || importMail;
    }

    /**
     * The calendar sync of an account ({@code calendar} in the import-service's JSON; null: not synced). The window and
     * the last sync are only in the answers, once it has been synced.
     *
     * @param name
     *            null or blank: the mailbox's primary calendar
     */
    public record Calendar(String name, Integer daysBack, Integer daysAhead, Instant windowStart, Instant windowEnd,
            Instant lastSyncedAt) {

        /** The settings only, as a request sends them. */
        public Calendar settings() {
            return new Calendar(name, daysBack, daysAhead, null, null, null);
        }

        /** The calendar's name for the page. */
        public String shownName() {
            return name == null || name.isBlank() ? "the primary calendar" : name;
        }
    }

    /**
     * How changes reach the account ({@code notifications} in the import-service's JSON; null from an import-service
     * without them): {@code subscribed} to Graph change notifications, or {@code polling} with the reason.
     */
    public record Notifications(String mode, String reason, List<Subscription> subscriptions) {

        public boolean subscribed() {
            return "subscribed".equals(mode);
        }

        /** One Graph subscription: {@code kind} mail or calendar. */
        public record Subscription(String kind, String resource, Instant expiresAt) {
        }
    }

    /**
     * The body of {@code POST /api/mailboxes} and {@code PUT /api/mailboxes/{id}}; absent values take the service's
     * defaults, an absent webhook secret is not sent.
     */
    public record Request(String id, String mailbox, String credentialId, String folder, String afterImport,
            String moveToFolder, String oversizeFolder, Boolean onlyUnread, Long maxMessageBytes, Boolean enabled,
            String webhookUrl, String webhookSecret, Boolean importMail, Calendar calendar) {
    }

    /** This account as a request with {@code enabled} changed (its mail and calendar settings kept). */
    public Request withEnabled(boolean value) {
        return new Request(null, mailbox, credentialId, folder, afterImport, moveToFolder, oversizeFolder, onlyUnread,
                maxMessageBytes, value, webhookUrl, null, importMailMember(importsMail()),
                calendar == null ? null : calendar.settings());
    }

    /**
     * {@code importMail} of a request: only {@code false} is sent. Absent means true, and an import-service without
     * calendar sync refuses members it does not know ({@code fail-on-unknown-properties}).
     */
    static Boolean importMailMember(boolean importMail) {
        return importMail ? null : Boolean.FALSE;
    }

    /** A folder of the mailbox, from {@code GET /api/folders}. */
    public record Folder(String id, String displayName, String path, String wellKnownName, Long totalItemCount,
            Long unreadItemCount) {
    }

    /** An imported message's metadata, from {@code GET /api/messages?mailbox=}. */
    public record Message(long id, String subject, String from, Instant date, Instant importedAt, String status) {
    }

    /** A page of {@code GET /api/messages}. */
    public record MessagePage(List<Message> items, String nextCursor) {
    }
}
