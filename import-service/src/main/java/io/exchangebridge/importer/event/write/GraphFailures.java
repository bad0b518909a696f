package io.exchangebridge.importer.event.write;

import io.exchangebridge.importer.event.write.EventWriteFailure.GraphRefused.Kind;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.mailbox.MailboxAccount;

/** Graph's refusal of an event write as the {@link EventWriteFailure} a client can act on. */
final class GraphFailures {

    private GraphFailures() {
    }

    static EventWriteFailure of(GraphException e, MailboxAccount account) {
        String code = e.code();
        String mailbox = account.mailbox();
        if (e.temporary()) {
            return new EventWriteFailure.Unavailable("Graph is throttling or unavailable for mailbox '" + mailbox
                    + "' (" + e.status() + (code.isEmpty() ? "" : " " + code) + "); nothing was written, try again "
                    + "later.", e.retryAfter().orElse(null));
        }
        Kind kind;
        String detail;
        if (code.contains("MailboxNotEnabledForRESTAPI")) {
            kind = Kind.MAILBOX_NOT_ENABLED_FOR_REST;
            detail = "Mailbox '" + mailbox + "' is not enabled for the REST API (on-premises, inactive or unlicensed).";
        } else if (e.status() == 403) {
            kind = Kind.ACCESS_DENIED;
            detail = "Graph denied writing to the calendar of mailbox '" + mailbox + "' (" + code + "): credential '"
                    + account.credentialId() + "' needs Calendars.ReadWrite (Calendars.ReadWrite.Shared for another "
                    + "user's calendar with delegated permissions) and the mailbox must be in scope of any "
                    + "application access policy.";
        } else if (e.itemNotFound()) {
            kind = Kind.EVENT_GONE;
            detail = "The event no longer exists in mailbox '" + mailbox + "' (deleted in Outlook meanwhile).";
        } else if (e.status() == 404) {
            kind = Kind.MAILBOX_NOT_FOUND;
            detail = "Mailbox '" + mailbox + "' does not exist in the tenant (" + code + ").";
        } else if (e.status() == 401) {
            kind = Kind.UNAUTHORIZED;
            detail = "Graph rejected a fresh token of credential '" + account.credentialId() + "' (" + e.getMessage()
                    + ").";
        } else if (e.status() == 400) {
            kind = Kind.GRAPH_REJECTED;
            detail = "Graph rejected the event (" + code + "): " + e.getMessage();
        } else {
            kind = Kind.GRAPH_ERROR;
            detail = "Graph answered " + e.status() + " " + code + ": " + e.getMessage();
        }
        return new EventWriteFailure.GraphRefused(kind, code, detail);
    }
}
