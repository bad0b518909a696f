package io.exchangebridge.credential.token;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.exchangebridge.credential.security.ClientAccess;
import io.exchangebridge.foundation.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Token hand-out to internal clients. */
@Path("/api/credentials/{id}/token")
@Tag(name = "Tokens")
public class TokenResource {

    private final TokenService tokens;
    private final ClientAccess access;
    private final SecurityIdentity identity;

    public TokenResource(TokenService tokens, ClientAccess access, SecurityIdentity identity) {
        this.tokens = tokens;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("token-client")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An access token of the credential for one resource")
    @APIResponse(responseCode = "200", description = "A token valid for at least the configured refresh skew")
    @APIResponse(responseCode = "400", description = "Resource missing or not configured for the credential, or"
            + " rejectedTokenSha256 not a SHA-256")
    @APIResponse(responseCode = "403", description = "This client may not use the credential")
    @APIResponse(responseCode = "404", description = "Unknown credential")
    @APIResponse(responseCode = "409", description = "Credential not ready: status, code, explanation and, for consent, consentUrl")
    @APIResponse(responseCode = "503", description = "Entra ID unreachable and no valid cached token; see Retry-After")
    public Uni<TokenResponse> token(@PathParam("id") String id, TokenRequest request) {
        String client = identity.getPrincipal().getName();
        if (!access.allowed(client, id)) {
            // The answer does not say whether the credential exists.
            throw new ProblemException(403, "Forbidden",
                    "Client '" + client + "' may not fetch tokens of credential '" + id + "'.");
        }
        if (request == null) {
            throw TokenFailure.InvalidRequest.resourceRequired();
        }
        // A cached token is answered on the event loop; anything that may touch the database or Entra runs on a worker.
        var rejected = TokenFingerprint.parse(request.rejectedTokenSha256());
        var cached = tokens.cached(id, request.resource(), client, rejected);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached.get());
        }
        return Uni.createFrom().item(() -> tokens.token(id, request.resource(), client, rejected))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
