package io.exchangebridge.importer.mailbox;

import io.exchangebridge.importer.config.ImporterConfig;

/** The calendar settings of a mailbox account: validation with defaults, and their audit text. */
final class CalendarSettings {

    private CalendarSettings() {
    }

    /**
     * The settings with defaults filled in, or null for no calendar sync; {@link MailboxFailure.Invalid} naming the
     * first wrong field ({@code calendar.daysAhead} for a window over {@code importer.calendar.max-window-days}).
     */
    static MailboxRequest.CalendarRequest validate(MailboxRequest.CalendarRequest c, ImporterConfig.Calendar config) {
        if (c == null) {
            return null;
        }
        String name = c.name() == null || c.name().isBlank() ? null : c.name().trim();
        if (name != null && name.length() > 255) {
            throw new MailboxFailure.Invalid("calendar.name", "Field 'calendar.name' must be at most 255 characters.");
        }
        int back = c.daysBack() == null ? config.daysBack() : c.daysBack();
        int ahead = c.daysAhead() == null ? config.daysAhead() : c.daysAhead();
        if (back < 0) {
            throw new MailboxFailure.Invalid("calendar.daysBack", "Field 'calendar.daysBack' must be 0 or more.");
        }
        if (ahead < 1) {
            throw new MailboxFailure.Invalid("calendar.daysAhead", "Field 'calendar.daysAhead' must be 1 or more.");
        }
        if ((long) back + ahead > config.maxWindowDays()) {
            throw new MailboxFailure.Invalid("calendar.daysAhead", "Calendar window too large: daysBack + daysAhead is "
                    + ((long) back + ahead) + " days, at most " + config.maxWindowDays()
                    + " (importer.calendar.max-window-days) are allowed.");
        }
        return new MailboxRequest.CalendarRequest(name, back, ahead);
    }

    /** For the audit log: which calendar, which window. */
    static String describe(MailboxRequest.CalendarRequest c) {
        return (c.name() == null ? "(primary)" : c.name()) + " -" + c.daysBack() + "/+" + c.daysAhead() + " days";
    }
}
