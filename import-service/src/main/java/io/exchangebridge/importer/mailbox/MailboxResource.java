package io.exchangebridge.importer.mailbox;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.importer.scope.ReaderScopes;

/**
 * Mailbox accounts: {@code admin} writes, {@code admin}, {@code reader} and {@code trigger} read; a principal scoped by
 * {@code importer.readers} reads only its accounts (others answer 404 as missing ones do, and are not listed).
 */
@Path("/api/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailboxResource {

    private final MailboxService mailboxes;
    private final ReaderScopes readers;

    public MailboxResource(MailboxService mailboxes, ReaderScopes readers) {
        this.mailboxes = mailboxes;
        this.readers = readers;
    }

    @GET
    @RolesAllowed({"admin", "reader", "trigger"})
    public List<MailboxView> list() {
        return mailboxes.list(readers.current());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"admin", "reader", "trigger"})
    public MailboxView get(@PathParam("id") String id) {
        return mailboxes.get(id, readers.current());
    }

    @POST
    @RolesAllowed("admin")
    public Response create(MailboxRequest request) {
        MailboxView created = mailboxes.create(request);
        return Response.created(URI.create("/api/mailboxes/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed("admin")
    public MailboxView update(@PathParam("id") String id, MailboxRequest request) {
        return mailboxes.update(id, request);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("id") String id) {
        mailboxes.delete(id);
        return Response.noContent().build();
    }
}
