package io.exchangebridge.importer.event.write;

import java.net.URI;
import java.time.ZoneId;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.foundation.text.MultiLineText;
import io.exchangebridge.importer.event.EventView;
import io.exchangebridge.importer.scope.ReaderScopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * Event writes for internal clients (role {@code writer}), scoped by {@code importer.readers} as reads are: an event or
 * account outside the caller's scope answers as a missing one. Answers carry the event's change key as {@code ETag},
 * which a PATCH sends back as {@code If-Match}.
 */
@Path("/api/events")
@RolesAllowed("writer")
@Blocking
public class EventWriteResource {

    /** The body of {@code POST /api/events/{id}/cancel}. */
    public record CancelRequest(@MultiLineText String comment) {
    }

    private final EventWriter writer;
    private final ReaderScopes scopes;
    private final SecurityIdentity identity;

    public EventWriteResource(EventWriter writer, ReaderScopes scopes, SecurityIdentity identity) {
        this.writer = writer;
        this.scopes = scopes;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(EventWriteRequest request, @HeaderParam("Idempotency-Key") String key,
            @QueryParam("timeZone") String timeZone, UriInfo uri) {
        ZoneId zone = GraphEventBody.zone(timeZone, "timeZone");
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with the event is required.");
        }
        EventWriter.Written written = writer.create(request, key, identity.getPrincipal().getName(),
                scopes.current());
        EventView event = written.event();
        URI location = uri.getBaseUriBuilder().path("api/events").path(event.id()).build();
        return (written.created() ? Response.created(location) : Response.ok().location(location))
                .entity(event.inZone(zone)).tag(event.changeKey()).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, EventWriteRequest request,
            @HeaderParam("If-Match") String ifMatch, @QueryParam("timeZone") String timeZone) {
        ZoneId zone = GraphEventBody.zone(timeZone, "timeZone");
        if (request == null) {
            throw ProblemException.badRequest("A JSON body with the members to change is required.");
        }
        EventView event = writer.update(id, request, changeKey(ifMatch, true), scopes.current());
        return Response.ok(event.inZone(zone)).tag(event.changeKey()).build();
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, CancelRequest request,
            @HeaderParam("If-Match") String ifMatch) {
        writer.cancel(id, request == null ? null : request.comment(), changeKey(ifMatch, false), scopes.current());
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        writer.delete(id, changeKey(ifMatch, false), scopes.current());
        return Response.noContent().build();
    }

    /**
     * The change key of an {@code If-Match} ({@code "<changeKey>"}, also Graph's {@code W/"<changeKey>"}); 428 when a
     * PATCH has none, as a PATCH without it could overwrite a change made in Outlook.
     */
    private static String changeKey(String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(428, "Precondition Required", "Header 'If-Match' with the event's ETag "
                        + "(its change key) is required, so that a change made in Outlook meanwhile is not overwritten.")
                        .with("errorCode", "CHANGE_KEY_REQUIRED");
            }
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (tag.isEmpty() || tag.equals("*") || tag.contains("\"") || tag.contains(",")) {
            throw ProblemException
                    .badRequest("Header 'If-Match' must be one ETag of the event, such as \"<changeKey>\".")
                    .with("field", "If-Match");
        }
        return tag;
    }
}
