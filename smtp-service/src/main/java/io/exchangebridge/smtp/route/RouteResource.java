package io.exchangebridge.smtp.route;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.mail.Addresses;

/** Sender routes, for administrators. */
@Path("/api/routes")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RouteStore routes;

    public RouteResource(RouteStore routes) {
        this.routes = routes;
    }

    @GET
    public List<SenderRoute> list() {
        return routes.list();
    }

    @GET
    @Path("/{id}")
    public SenderRoute get(@PathParam("id") UUID id) {
        return routes.find(id).orElseThrow(() -> ProblemException.notFound("No route " + id + "."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(RouteRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is missing.");
        }
        String sender = request.sender() == null ? "" : request.sender().trim();
        boolean address = sender.contains("@")
                ? Addresses.isValid(sender)
                : sender.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
        if (!address) {
            throw ProblemException.badRequest("Field 'sender' must be an email address or a domain.");
        }
        if (request.credentialId() == null || request.credentialId().isBlank()) {
            throw ProblemException.badRequest("Field 'credentialId' is required.");
        }
        if (request.mailbox() == null || !Addresses.isValid(request.mailbox())) {
            throw ProblemException.badRequest("Field 'mailbox' must be an email address.");
        }
        if (request.transport() == null) {
            throw ProblemException.badRequest("Field 'transport' is required (SMTP or GRAPH).");
        }
        SenderRoute created = routes.create(sender, request.credentialId().trim(), request.mailbox().trim(),
                request.transport());
        return Response.created(URI.create("/api/routes/" + created.id())).entity(created).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        if (!routes.delete(id)) {
            throw ProblemException.notFound("No route " + id + ".");
        }
        return Response.noContent().build();
    }
}
