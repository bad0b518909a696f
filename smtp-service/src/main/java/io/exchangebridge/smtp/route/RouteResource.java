package io.exchangebridge.smtp.route;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.mail.Addresses;
import io.quarkus.security.identity.SecurityIdentity;

/** Sender routes, for administrators; every change is written to the audit log in the change's transaction. */
@Path("/api/routes")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RouteStore routes;
    private final AuditTrail audit;
    private final RouteTester tester;
    private final SecurityIdentity identity;

    public RouteResource(RouteStore routes, AuditTrail audit, RouteTester tester, SecurityIdentity identity) {
        this.routes = routes;
        this.audit = audit;
        this.tester = tester;
        this.identity = identity;
    }

    @GET
    public List<SenderRoute> list() {
        return routes.list();
    }

    @GET
    @Path("/{id}")
    public SenderRoute get(@PathParam("id") UUID id) {
        return routes.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(RouteRequest request) {
        RouteRequest r = validated(request);
        SenderRoute created = routes.create(r.sender(), r.credentialId(), r.mailbox(), r.transport(),
                (c, route) -> audit.record(c, "route.create", route.id().toString(), describe(route), "OK"));
        return Response.created(URI.create("/api/routes/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SenderRoute update(@PathParam("id") UUID id, RouteRequest request) {
        RouteRequest r = validated(request);
        return routes.update(id, r.sender(), r.credentialId(), r.mailbox(), r.transport(),
                (c, route) -> audit.record(c, "route.update", route.id().toString(), describe(route), "OK"))
                .orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") UUID id) {
        routes.delete(id, (c, route) -> audit.record(c, "route.delete", route.id().toString(),
                "sender=" + route.sender(), "OK")).orElseThrow(() -> notFound(id));
        return Response.noContent().build();
    }

    /**
     * Sends a test message over the route, delivered like any other: 202 with the message's id and status URL (the
     * message is the admin user's, so it is listed in {@code GET /api/messages}).
     */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response test(@PathParam("id") UUID id, RouteTestRequest request) {
        SenderRoute route = get(id);
        if (request == null) {
            throw ProblemException.badRequest("The request body is missing.");
        }
        if (request.to() == null || !Addresses.isValid(request.to())) {
            throw ProblemException.badRequest("Field 'to' must be an email address.");
        }
        String from = testSender(route, request.from());
        RouteTester.TestMessage sent = tester.send(route, from, request.to().trim(),
                identity.getPrincipal().getName());
        String statusUrl = "/api/messages/" + sent.id();
        return Response.accepted(new RouteTestResponse(sent.id(), sent.status(), statusUrl))
                .location(URI.create(statusUrl)).build();
    }

    /** The address a test message of the route comes from; it must be one that this route delivers. */
    private String testSender(SenderRoute route, String requested) {
        String from;
        if (requested != null) {
            if (!Addresses.isValid(requested)) {
                throw ProblemException.badRequest("Field 'from' must be an email address.");
            }
            from = requested.trim();
        } else if (route.sender().contains("@")) {
            from = route.sender();
        } else if (Addresses.domainOf(route.mailbox()).equals(route.sender())) {
            from = route.mailbox();
        } else {
            throw ProblemException.badRequest("Field 'from' is required: route " + route.id() + " covers the domain "
                    + route.sender() + " and its mailbox is not in it; give an address of the domain to send from.");
        }
        boolean ours = routes.resolve(from).map(r -> r.id().equals(route.id())).orElse(false);
        if (!ours) {
            throw ProblemException.badRequest("Field 'from': mail from " + from + " is not delivered by route "
                    + route.id() + " (another route, or none, covers it).");
        }
        return from;
    }

    /** What the audit log says of a route: everything but its id (a route holds no secret). */
    public static String describe(SenderRoute route) {
        return "sender=" + route.sender() + " mailbox=" + route.mailbox() + " transport=" + route.transport()
                + " credential=" + route.credentialId();
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No route " + id + ".");
    }

    /** The request checked field by field and trimmed; a 400 naming the first bad field. */
    private static RouteRequest validated(RouteRequest request) {
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
        return new RouteRequest(sender, request.credentialId().trim(), request.mailbox().trim(),
                request.transport());
    }
}
