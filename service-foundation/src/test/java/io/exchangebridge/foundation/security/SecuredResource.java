package io.exchangebridge.foundation.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** A protected endpoint of the test application: answers who the caller is. */
@Path("/secured/whoami")
public class SecuredResource {

    @GET
    public String whoami(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
