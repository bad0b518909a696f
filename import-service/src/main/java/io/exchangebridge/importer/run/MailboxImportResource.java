package io.exchangebridge.importer.run;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.scope.ReaderScopes;

/**
 * {@code POST /api/mailboxes/{id}/imports}: a run of one mailbox. A class of its own because the longer class path
 * {@code /api/mailboxes} of the account resource would otherwise win the match and answer 404. An account outside the
 * caller's {@code importer.readers} scope answers 404 like a missing one.
 */
@Path("/api/mailboxes/{id}/imports")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxImportResource {

    private final ImportRunner runner;
    private final MailboxService mailboxes;
    private final ReaderScopes readers;

    public MailboxImportResource(ImportRunner runner, MailboxService mailboxes, ReaderScopes readers) {
        this.runner = runner;
        this.mailboxes = mailboxes;
        this.readers = readers;
    }

    @POST
    @RolesAllowed({"trigger", "admin"})
    public Response importOne(@PathParam("id") String id) {
        if (!readers.current().covers(id) || mailboxes.account(id).isEmpty()) {
            throw ProblemException.notFound("No mailbox account '" + id + "'.");
        }
        return ImportResource.accepted(runner.request(id));
    }
}
