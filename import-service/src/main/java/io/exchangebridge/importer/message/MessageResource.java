package io.exchangebridge.importer.message;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.importer.scope.ReaderScopes;
import io.smallrye.common.annotation.Blocking;

/**
 * Delivery of imported mail to internal clients (role {@code reader}). A reader scoped by {@code importer.readers} gets
 * the messages of its mailbox accounts only: another account's message answers 404 as a missing one does, and lists
 * leave such messages out.
 */
@Path("/api/messages")
@RolesAllowed("reader")
@Blocking
public class MessageResource {

    private final MessageDelivery store;
    private final ReaderScopes readers;

    public MessageResource(MessageDelivery store, ReaderScopes readers) {
        this.store = store;
        this.readers = readers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MessagePage list(@QueryParam("mailbox") String mailbox, @QueryParam("status") String status,
            @QueryParam("since") String since, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw ProblemException.badRequest("Parameter 'limit' must be between 1 and 1000.");
        }
        String wanted = null;
        if (status != null) {
            wanted = status.toUpperCase(Locale.ROOT);
            if (!wanted.equals("NEW") && !wanted.equals("ACKED")) {
                throw ProblemException.badRequest("Parameter 'status' must be NEW or ACKED.");
            }
        }
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("Parameter 'since' must be an ISO-8601 instant.");
            }
        }
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Parameter 'cursor' is not a cursor of this API.");
            }
        }
        var items = store.list(readers.current(), mailbox, wanted, from, after, size + 1);
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            next = Long.toString(items.get(size - 1).id());
        }
        return new MessagePage(items, next);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public MessageView get(@PathParam("id") long id) {
        return find(id);
    }

    @GET
    @Path("{id}/raw")
    @Produces("message/rfc822")
    public Response raw(@PathParam("id") long id) {
        MessageView message = find(id);
        StreamingOutput body = out -> store.readRaw(id, in -> in.transferTo(out));
        return Response.ok(body, "message/rfc822").header("Content-Length", message.size())
                .header("Digest", "sha-256=" + message.sha256()).build();
    }

    @GET
    @Path("{id}/attachments/{n}")
    public Response attachment(@PathParam("id") long id, @PathParam("n") int n) {
        MessageView message = find(id);
        if (n < 0 || n >= message.attachments().size()) {
            throw ProblemException.notFound("Message " + id + " has no attachment " + n + ".");
        }
        MessageView.AttachmentView a = message.attachments().get(n);
        StreamingOutput body = out -> store.readRaw(id, in -> MimeScanner.copyAttachment(in, n, out));
        Response.ResponseBuilder response = Response.ok(body,
                a.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : a.contentType());
        if (a.name() != null) {
            response.header("Content-Disposition", "attachment; filename*=UTF-8''" + UrlPaths.segment(a.name()));
        }
        return response.build();
    }

    @POST
    @Path("{id}/ack")
    @Produces(MediaType.APPLICATION_JSON)
    public MessageView ack(@PathParam("id") long id) {
        if (!store.ack(id, readers.current())) {
            throw ProblemException.notFound("No message " + id + ".");
        }
        return find(id);
    }

    private MessageView find(long id) {
        return store.find(id, readers.current()).orElseThrow(() -> ProblemException.notFound("No message " + id + "."));
    }
}
