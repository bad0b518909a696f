package io.exchangebridge.importer.folder;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.mail.FolderTree;
import io.exchangebridge.importer.mail.MailFolders;
import io.exchangebridge.importer.mail.MailGraph;
import io.exchangebridge.importer.mail.MailGraphClient;
import io.exchangebridge.importer.mailbox.MailboxFailure;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.mailbox.MailboxView;
import io.exchangebridge.importer.scope.MailboxScope;

/**
 * The folder tree of a mailbox, for choosing a mailbox account's folder: every folder through Graph's child folders, on
 * an interactive Graph session (few retries; a long Retry-After is passed on instead of waited out).
 */
@ApplicationScoped
public class FolderService {

    private final MailGraphClient graph;
    private final CredentialClient tokens;
    private final MailboxService mailboxes;

    public FolderService(MailGraphClient graph, CredentialClient tokens, MailboxService mailboxes) {
        this.graph = graph;
        this.tokens = tokens;
        this.mailboxes = mailboxes;
    }

    /** The folders of {@code mailbox} as the credential {@code credentialId} sees them (both request parameters). */
    public List<FolderTree> list(String credentialId, String mailbox) {
        List<String> missing = new ArrayList<>();
        if (credentialId == null || credentialId.isBlank()) {
            missing.add("credentialId");
        }
        if (mailbox == null || mailbox.isBlank()) {
            missing.add("mailbox");
        }
        if (!missing.isEmpty()) {
            throw new MailboxFailure.Invalid(String.join(",", missing), "Parameter" + (missing.size() > 1 ? "s " : " ")
                    + "'" + String.join("' and '", missing) + "' " + (missing.size() > 1 ? "are" : "is")
                    + " required.");
        }
        if (!MailboxService.isMailbox(mailbox.trim())) {
            throw new MailboxFailure.Invalid("mailbox",
                    "Parameter 'mailbox' must be a user principal name or an object id.");
        }
        return tree(credentialId.trim(), mailbox.trim(), true);
    }

    /** The folders of an existing mailbox account's mailbox in {@code scope}, through its credential. */
    public List<FolderTree> ofAccount(String accountId, MailboxScope scope) {
        MailboxView account = mailboxes.get(accountId, scope);
        return tree(account.credentialId(), account.mailbox(), false);
    }

    private List<FolderTree> tree(String credentialId, String mailbox, boolean fromRequest) {
        MailGraph mail = graph.interactive(mailbox, () -> tokens.token(credentialId, MailboxService.GRAPH),
                rejected -> tokens.replace(credentialId, MailboxService.GRAPH, rejected));
        try {
            return new MailFolders(mail).tree();
        } catch (CredentialFailure.UnknownCredential | CredentialFailure.AccessDenied f) {
            // A credential named in the request is a wrong parameter; a stored account's goes to the edge as it is.
            if (fromRequest) {
                throw new MailboxFailure.Invalid("credentialId", "Parameter 'credentialId': " + f.getMessage());
            }
            throw f;
        } catch (GraphException e) {
            throw graphFailure(e, mailbox);
        }
    }

    private static FolderFailure graphFailure(GraphException e, String mailbox) {
        String code = e.code();
        if (e.temporary()) {
            return new FolderFailure.Unavailable("Graph is throttling or unavailable for mailbox '" + mailbox + "' ("
                    + e.status() + (code.isEmpty() ? "" : " " + code) + "); try again later.",
                    e.retryAfter().orElse(null));
        }
        FolderFailure.GraphRefused.Kind kind;
        String detail;
        if (code.contains("MailboxNotEnabledForRESTAPI")) {
            kind = FolderFailure.GraphRefused.Kind.MAILBOX_NOT_ENABLED_FOR_REST;
            detail = "Mailbox '" + mailbox + "' is not enabled for the REST API (on-premises, inactive or unlicensed).";
        } else if (e.status() == 403) {
            kind = FolderFailure.GraphRefused.Kind.ACCESS_DENIED;
            detail = "Graph denied access to the folders of mailbox '" + mailbox + "' (" + code
                    + "): the credential needs Mail.ReadWrite (Mail.ReadWrite.Shared for another user's mailbox with "
                    + "delegated permissions) and the mailbox must be in scope of any application access policy.";
        } else if (e.status() == 404) {
            kind = FolderFailure.GraphRefused.Kind.MAILBOX_NOT_FOUND;
            detail = "Mailbox '" + mailbox + "' does not exist in the tenant (" + code + ").";
        } else if (e.status() == 401) {
            kind = FolderFailure.GraphRefused.Kind.UNAUTHORIZED;
            detail = "Graph rejected a fresh token of the credential (" + e.getMessage() + ").";
        } else {
            kind = FolderFailure.GraphRefused.Kind.GRAPH_ERROR;
            detail = "Graph answered " + e.status() + " " + code + ": " + e.getMessage();
        }
        return new FolderFailure.GraphRefused(kind, code, detail);
    }
}
