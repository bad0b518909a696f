package io.exchangebridge.importer.mailbox;

/**
 * Why a mailbox account could not be read or saved, or a request about a mailbox was wrong. The texts are for the API's
 * client and name the field or id; the REST edge maps each kind to its problem answer
 * ({@code rest/FailureProblemMapper}), so this package never speaks HTTP.
 */
public abstract sealed class MailboxFailure extends RuntimeException {

    MailboxFailure(String detail) {
        super(detail, null, false, false);
    }

    /** No mailbox account has this id. */
    public static final class NotFound extends MailboxFailure {
        NotFound(String id) {
            super("No mailbox account '" + id + "'.");
        }
    }

    /** An account with this id exists already. */
    public static final class AlreadyExists extends MailboxFailure {
        AlreadyExists(String id) {
            super("Mailbox account '" + id + "' already exists.");
        }
    }

    /** Another account imports the same folder of the same mailbox. */
    public static final class FolderTaken extends MailboxFailure {
        FolderTaken(String mailbox, String folder) {
            super("Folder '" + folder + "' of mailbox '" + mailbox + "' is already imported by another account.");
        }
    }

    /**
     * The request is wrong; {@code field} names the first wrong field or parameter (several: comma separated), or is
     * null when the body is missing.
     */
    public static final class Invalid extends MailboxFailure {
        private final String field;

        public Invalid(String field, String detail) {
            super(detail);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
