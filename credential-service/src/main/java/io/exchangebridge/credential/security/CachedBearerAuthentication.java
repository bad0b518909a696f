package io.exchangebridge.credential.security;

import java.time.Duration;
import java.time.InstantSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.security.VerifiedBearerCache;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * Bearer tokens (Entra, Kubernetes) through the foundation's {@link VerifiedBearerCache} in front of quarkus-oidc: a
 * token client's access token is verified once and then recognised by its hash until it expires (at most
 * {@link #MAX_TTL}, which bounds how long a token signed by a key the issuer has since withdrawn is still accepted).
 */
@ApplicationScoped
public class CachedBearerAuthentication implements IdentityProvider<TokenAuthenticationRequest> {

    static final Duration MAX_TTL = Duration.ofMinutes(10);

    /** Token clients hold one token at a time each (two while one is renewed): far more than enough. */
    static final int MAX_TOKENS = 1_000;

    private final VerifiedBearerCache cache;

    public CachedBearerAuthentication(OidcIdentityProvider oidc) {
        this.cache = new VerifiedBearerCache(oidc, MAX_TTL, MAX_TOKENS, InstantSource.system());
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before quarkus-oidc's provider. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return cache.authenticate(request, context);
    }
}
