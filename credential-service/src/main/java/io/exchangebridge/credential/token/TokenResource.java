package io.exchangebridge.credential.token;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.problem.ProblemException;
import io.exchangebridge.credential.security.ClientAccess;
import io.quarkus.security.identity.SecurityIdentity;

/** Token hand-out to internal clients. */
@Path("/api/credentials/{id}/token")
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final ClientAccess access;
    private final SecurityIdentity identity;
    private final CredentialConfig config;

    public TokenResource(TokenService tokens, ClientAccess access, SecurityIdentity identity, CredentialConfig config) {
        this.tokens = tokens;
        this.access = access;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @RolesAllowed("token-client")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An access token of the credential for one resource")
    @APIResponse(responseCode = "200", description = "A token valid for at least the configured refresh skew")
    @APIResponse(responseCode = "400", description = "Resource missing or not configured for the credential")
    @APIResponse(responseCode = "403", description = "This client may not use the credential")
    @APIResponse(responseCode = "404", description = "Unknown credential")
    @APIResponse(responseCode = "409", description = "Credential not ready: status, code, explanation and, for consent, consentUrl")
    @APIResponse(responseCode = "503", description = "Entra ID unreachable and no valid cached token; see Retry-After")
    public TokenResponse token(@PathParam("id") String id, TokenRequest request, UriInfo uri) {
        String client = identity.getPrincipal().getName();
        access.check(client, id);
        if (request == null) {
            throw ProblemException.badRequest("Field 'resource' is required: 'graph', 'outlook' or a resource URI.");
        }
        String base = config.publicUrl().map(Object::toString).orElseGet(() -> uri.getBaseUri().toString());
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return tokens.token(id, request.resource(), client, base);
    }
}
