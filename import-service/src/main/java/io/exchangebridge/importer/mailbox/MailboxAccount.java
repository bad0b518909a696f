package io.exchangebridge.importer.mailbox;

import java.time.Instant;

/**
 * A snapshot of a mailbox account for an import run.
 *
 * @param importMail
 *            whether the run imports mail (false: calendar only)
 * @param calendar
 *            the calendar sync settings and state, or null when the account syncs no calendar
 */
public record MailboxAccount(String id, String mailbox, String credentialId, String folder, AfterImport afterImport,
        String moveToFolder, String oversizeFolder, boolean onlyUnread, long maxMessageBytes, boolean enabled,
        String deltaLink, boolean importMail, Calendar calendar) {

    /**
     * What calendar the account syncs and where its sync stands.
     *
     * @param name
     *            a calendar's display name or id, or null for the primary calendar
     * @param deltaLink
     *            the stored calendarView/delta link, valid for the window it was started with
     */
    public record Calendar(String name, int daysBack, int daysAhead, String deltaLink, Instant windowStart,
            Instant windowEnd) {
    }

    static MailboxAccount of(MailboxEntity e) {
        Calendar calendar = e.calendarEnabled
                ? new Calendar(e.calendarName, e.calendarDaysBack, e.calendarDaysAhead, e.calendarDeltaLink,
                        e.calendarWindowStart, e.calendarWindowEnd)
                : null;
        return new MailboxAccount(e.id, e.mailbox, e.credentialId, e.folder, e.afterImport, e.moveToFolder,
                e.oversizeFolder, e.onlyUnread, e.maxMessageBytes, e.enabled, e.deltaLink, e.importMail, calendar);
    }
}
