package io.exchangebridge.credential.consent;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/** Starts the consent flow of a delegated credential (administrators). */
@Path("/api/credentials/{id}/consent")
@Tag(name = "Consent")
public class ConsentResource {

    private final ConsentService consent;
    private final SecurityIdentity identity;

    public ConsentResource(ConsentService consent, SecurityIdentity identity) {
        this.consent = consent;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "Redirects to Microsoft's sign-in page to consent for a delegated credential")
    @APIResponse(responseCode = "302", description = "To the authorize URL (state, PKCE S256, prompt=select_account)")
    @APIResponse(responseCode = "409", description = "Not an authorization_code credential")
    public Response start(@PathParam("id") String id, UriInfo uri) {
        String url = consent.start(id, uri.getBaseUri().toString(), identity.getPrincipal().getName());
        return Response.status(Response.Status.FOUND).location(URI.create(url)).build();
    }

}
