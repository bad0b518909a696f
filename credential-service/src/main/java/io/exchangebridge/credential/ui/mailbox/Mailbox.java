package io.exchangebridge.credential.ui.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * A mailbox account of the import-service as {@code GET /api/mailboxes/{id}} answers it (the webhook secret is never in
 * it: only whether one is set).
 */
public record Mailbox(String id, String mailbox, String credentialId, String folder, String afterImport,
        String moveToFolder, String oversizeFolder, boolean onlyUnread, long maxMessageBytes, boolean enabled,
        String webhookUrl, boolean webhookSecretSet, Instant createdAt, Instant updatedAt) {

    /**
     * The body of {@code POST /api/mailboxes} and {@code PUT /api/mailboxes/{id}}; absent values take the service's
     * defaults, an absent webhook secret is not sent.
     */
    public record Request(String id, String mailbox, String credentialId, String folder, String afterImport,
            String moveToFolder, String oversizeFolder, Boolean onlyUnread, Long maxMessageBytes, Boolean enabled,
            String webhookUrl, String webhookSecret) {
    }

    /** This account as a request with {@code enabled} changed. */
    public Request withEnabled(boolean value) {
        return new Request(null, mailbox, credentialId, folder, afterImport, moveToFolder, oversizeFolder, onlyUnread,
                maxMessageBytes, value, webhookUrl, null);
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
