package io.exchangebridge.foundation.credential;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The credential-service's token endpoint as the consumers use it. Package-private: {@link CredentialClient} wraps it
 * with caching and typed failures; it answers {@link Response} so that every status is read by the wrapper.
 */
@RegisterRestClient(configKey = "credential-service")
@Path("/api/credentials")
interface CredentialServiceApi {

    /** The request body: the resource, and the fingerprint of a token Microsoft refused (never the token). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenRequest(String resource, String rejectedTokenSha256) {
    }

    @POST
    @Path("/{id}/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@PathParam("id") String credentialId, @HeaderParam("Authorization") String authorization,
            TokenRequest request);
}
