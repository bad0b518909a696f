package io.exchangebridge.importer.calendar;

/**
 * Why an account's calendar cannot be synced or written, apart from Graph's own errors ({@code GraphException}). The
 * run maps it to a failure code, the REST edge to a problem answer; this package never speaks HTTP.
 */
public abstract sealed class CalendarFailure extends RuntimeException {

    CalendarFailure(String detail) {
        super(detail, null, false, false);
    }

    /** The mailbox has no calendar with the account's name or id. */
    public static final class NotFound extends CalendarFailure {
        private final String calendar;

        NotFound(String mailbox, String calendar) {
            super("Calendar '" + calendar + "' not found in mailbox '" + mailbox
                    + "'; name one of its calendars (display name or id), or none for the primary calendar.");
            this.calendar = calendar;
        }

        public String calendar() {
            return calendar;
        }
    }
}
