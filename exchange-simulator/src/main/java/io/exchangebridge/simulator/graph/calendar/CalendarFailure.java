package io.exchangebridge.simulator.graph.calendar;

/**
 * Why a calendar call was refused, with Graph's error code. The HTTP edges (the Graph API, the admin API) answer it
 * with {@link Kind#status()}; the Java API lets it through to the test that asked.
 */
public final class CalendarFailure extends RuntimeException {

    /** The kinds of refusal, each one Graph error. */
    public enum Kind {
        /** No such event or calendar. */
        NOT_FOUND(404),
        /** Not shaped like an Exchange id. */
        MALFORMED_ID(400),
        /** {@code If-Match} names a change key that is no longer current. */
        CHANGE_KEY_MISMATCH(412),
        /** Only the organizer may cancel a meeting (Graph documents a 400 for an attendee). */
        NOT_ORGANIZER(400),
        /** A calendar with that name exists. */
        CALENDAR_EXISTS(409),
        /** The body or a parameter is invalid. */
        INVALID(400),
        /** A delta token that is unknown, expired or another view's. */
        SYNC_STATE_NOT_FOUND(410);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        /** The HTTP status Graph answers it with. */
        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;

    CalendarFailure(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Graph's {@code error.code} for it. */
    public String code() {
        return code;
    }

    static CalendarFailure notFound() {
        return new CalendarFailure(Kind.NOT_FOUND, "ErrorItemNotFound",
                "The specified object was not found in the store.");
    }

    static CalendarFailure malformedId() {
        return new CalendarFailure(Kind.MALFORMED_ID, "ErrorInvalidIdMalformed", "Id is malformed.");
    }

    /** Graph's words for a stale {@code If-Match} (reported verbatim in msgraph-sdk-dotnet#1201 and davmail#491). */
    static CalendarFailure changeKeyMismatch() {
        return new CalendarFailure(Kind.CHANGE_KEY_MISMATCH, "ErrorIrresolvableConflict",
                "The send or update operation could not be performed because the change key passed in the request"
                        + " does not match the current change key for the item.");
    }

    /** The message Microsoft documents for event: cancel by an attendee; the code is not documented. */
    static CalendarFailure notOrganizer() {
        return new CalendarFailure(Kind.NOT_ORGANIZER, "ErrorInvalidRequest",
                "Your request can't be completed. You need to be an organizer to cancel a meeting.");
    }

    static CalendarFailure calendarExists() {
        return new CalendarFailure(Kind.CALENDAR_EXISTS, "ErrorFolderExists",
                "A folder with the specified name already exists.");
    }

    static CalendarFailure invalid(String code, String message) {
        return new CalendarFailure(Kind.INVALID, code, message);
    }
}
