package io.exchangebridge.credential.credential;

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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.problem.ProblemException;

/** Administration of credentials. Secrets go in, never out. */
@Path("/api/credentials")
@Tag(name = "Credentials")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    private final CredentialService service;
    private final AuditTrail audit;

    public CredentialResource(CredentialService service, AuditTrail audit) {
        this.service = service;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "List all credentials with their status")
    public List<CredentialView> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Register a credential")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem's detail names it")
    @APIResponse(responseCode = "409", description = "A credential with this id exists")
    public Response create(CredentialRequest request) {
        requireBody(request);
        CredentialView view = service.create(request, audit.actor());
        return Response.created(URI.create("/api/credentials/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One credential with its status")
    @APIResponse(responseCode = "404", description = "Unknown credential")
    public CredentialView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a credential; absent secrets keep their stored value")
    @APIResponse(responseCode = "400", description = "A field is invalid; the problem's detail names it")
    @APIResponse(responseCode = "404", description = "Unknown credential")
    public CredentialView update(@PathParam("id") String id, CredentialRequest request) {
        requireBody(request);
        return service.update(id, request, audit.actor());
    }

    @PUT
    @Path("/{id}/secret")
    @Operation(summary = "Replace secret: a new client secret, everything else kept; cached tokens dropped, status "
            + "evaluated afresh")
    @APIResponse(responseCode = "200", description = "The credential with its new status")
    @APIResponse(responseCode = "400", description = "The secret is missing or the credential uses no secret")
    @APIResponse(responseCode = "404", description = "Unknown credential")
    public CredentialView replaceSecret(@PathParam("id") String id, SecretRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body must be a JSON object with clientSecret.");
        }
        return service.replaceSecret(id, request, audit.actor());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a credential with its tokens")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "Unknown credential")
    public void delete(@PathParam("id") String id) {
        service.delete(id, audit.actor());
    }

    /** A JSON {@code null} (or empty) body reaches us as a null request: a client error, not a NullPointerException. */
    private static void requireBody(CredentialRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body must be a JSON object describing the credential.");
        }
    }
}
