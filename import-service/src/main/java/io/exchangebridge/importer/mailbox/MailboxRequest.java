package io.exchangebridge.importer.mailbox;

/**
 * A mailbox account as written by an admin. Only {@code mailbox} and {@code credentialId} are required.
 *
 * @param id
 *            stable id (letters, digits, {@code .-_}, at most 64); generated when missing
 * @param mailbox
 *            UPN or object id of the mailbox (shared mailboxes included)
 * @param credentialId
 *            credential at the credential-service whose Graph token reaches the mailbox
 * @param folder
 *            well-known folder name or path such as {@code Inbox/Support}; default {@code inbox}
 * @param afterImport
 *            MOVE (default), MARK_READ, DELETE or NONE
 * @param moveToFolder
 *            target of MOVE, created if missing; default {@code Imported}
 * @param oversizeFolder
 *            messages over {@code maxMessageBytes} are moved here; when missing they stay in place
 * @param onlyUnread
 *            import only unread messages (default false)
 * @param maxMessageBytes
 *            largest message imported (default 35 MB)
 * @param enabled
 *            imported by {@code POST /api/imports} and the schedule (default true)
 * @param importMail
 *            import mail (default true); false syncs the calendar only, and the folder settings do not apply
 * @param calendar
 *            sync this calendar too; null: no calendar sync
 */
public record MailboxRequest(String id, String mailbox, String credentialId, String folder, AfterImport afterImport,
        String moveToFolder, String oversizeFolder, Boolean onlyUnread, Long maxMessageBytes, Boolean enabled,
        String webhookUrl, String webhookSecret, Boolean importMail, CalendarRequest calendar) {

    /**
     * @param name
     *            a calendar's display name (or id); null or blank: the primary calendar
     * @param daysBack
     *            days before today to sync (default {@code importer.calendar.days-back})
     * @param daysAhead
     *            days after today to sync (default {@code importer.calendar.days-ahead})
     */
    public record CalendarRequest(String name, Integer daysBack, Integer daysAhead) {
    }
}
