package io.exchangebridge.importer.run;

import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.importer.calendar.CalendarFailure;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.mail.FolderNotFound;
import io.exchangebridge.importer.mailbox.MailboxAccount;

/** What Graph's and the credential-service's errors mean for a mailbox's import: codes and reasons for a person. */
final class ImportFailures {

    private ImportFailures() {
    }

    /** True when the error ends the mailbox's import, not only the message's. */
    static boolean fatal(GraphException e) {
        return e.status() == 401 || e.status() == 403 || e.code().contains("MailboxNotEnabledForRESTAPI")
                || "ErrorInvalidUser".equals(e.code()) || "ForeignNextLink".equals(e.code());
    }

    static ImportFailure graph(GraphException e, MailboxAccount account) {
        String mailbox = account.mailbox();
        if (e.code().contains("MailboxNotEnabledForRESTAPI")) {
            return new ImportFailure(FailureCode.MAILBOX_NOT_ENABLED_FOR_REST, "Mailbox '" + mailbox
                    + "' is not enabled for the REST API (on-premises, inactive or unlicensed mailbox).");
        }
        if (e.status() == 403) {
            return new ImportFailure(FailureCode.ACCESS_DENIED, "Access to mailbox '" + mailbox + "' denied ("
                    + e.code() + "): the credential needs Mail.ReadWrite and the mailbox must be in scope of any "
                    + "application access policy.");
        }
        if ("ErrorInvalidUser".equals(e.code()) || e.status() == 404 && e.code().contains("User")) {
            return new ImportFailure(FailureCode.MAILBOX_NOT_FOUND,
                    "Mailbox '" + mailbox + "' does not exist in the tenant.");
        }
        if (e.status() == 404) {
            return new ImportFailure(FailureCode.FOLDER_NOT_FOUND,
                    "Folder '" + account.folder() + "' not found in mailbox '" + mailbox + "' (" + e.code() + ").");
        }
        if (e.status() == 401) {
            return new ImportFailure(FailureCode.UNAUTHORIZED,
                    "Graph rejected a fresh token (" + e.getMessage() + "); check the credential's permissions.");
        }
        if (e.status() == 429 || e.status() >= 500 || e.status() == 0) {
            return new ImportFailure(FailureCode.GRAPH_UNAVAILABLE, "Graph kept failing (" + e.status() + " "
                    + e.code() + ") after retries; the next run resumes.");
        }
        return new ImportFailure(FailureCode.GRAPH_ERROR,
                "Graph answered " + e.status() + " " + e.code() + ": " + e.getMessage());
    }

    /** A calendar sync's Graph error: as for mail, but about calendars (permission, a calendar gone). */
    static ImportFailure calendar(GraphException e, MailboxAccount account) {
        String mailbox = account.mailbox();
        if (e.status() == 403 && !e.code().contains("MailboxNotEnabledForRESTAPI")) {
            return new ImportFailure(FailureCode.ACCESS_DENIED, "Access to the calendar of mailbox '" + mailbox
                    + "' denied (" + e.code() + "): the credential needs Calendars.ReadWrite (Calendars.Read to sync "
                    + "only) and the mailbox must be in scope of any application access policy.");
        }
        if (e.status() == 404 && !"ErrorInvalidUser".equals(e.code()) && !e.code().contains("User")) {
            String name = account.calendar().name() == null ? "(primary)" : account.calendar().name();
            return new ImportFailure(FailureCode.CALENDAR_NOT_FOUND,
                    "Calendar '" + name + "' not found in mailbox '" + mailbox + "' (" + e.code() + ").");
        }
        return graph(e, account);
    }

    static ImportFailure calendarNotFound(CalendarFailure.NotFound f) {
        return new ImportFailure(FailureCode.CALENDAR_NOT_FOUND, f.getMessage());
    }

    static ImportFailure folderNotFound(FolderNotFound e, MailboxAccount account) {
        return new ImportFailure(FailureCode.FOLDER_NOT_FOUND, "Folder '" + e.path() + "' does not exist in mailbox '"
                + account.mailbox() + "' (no '" + e.missing() + "'); fix the account's folder.");
    }

    static ImportFailure credential(CredentialFailure failure) {
        FailureCode code = switch (failure) {
            case CredentialFailure.NotReady p -> FailureCode.notReady(p.status().orElse(null));
            case CredentialFailure.UnknownCredential p -> FailureCode.CREDENTIAL_UNKNOWN;
            case CredentialFailure.AccessDenied p -> FailureCode.CREDENTIAL_FORBIDDEN;
            case CredentialFailure.Unavailable p -> FailureCode.CREDENTIAL_SERVICE_UNAVAILABLE;
        };
        StringBuilder reason = new StringBuilder(failure.getMessage());
        if (failure instanceof CredentialFailure.NotReady p) {
            p.code().ifPresent(c -> reason.append(" [").append(c).append(']'));
            p.consentUrl().ifPresent(url -> reason.append(" Grant consent at ").append(url));
        }
        return new ImportFailure(code, reason.toString());
    }
}
