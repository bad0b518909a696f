package io.exchangebridge.foundation.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer access tokens in front of quarkus-oidc: a token the OIDC provider verified (signature, issuer, audience,
 * expiry) is remembered by its SHA-256 until it expires (at most {@code maxTtl}), with the identity, so a client that
 * sends the same token again is not verified again. Only the hash is kept as the key; a token that fails verification
 * is never remembered, and any other token, however similar, is verified in full. Code-flow sessions (id tokens) are
 * not cached. On a hit the identity gets this request's token and routing context, as a fresh verification would.
 */
public final class VerifiedBearerCache {

    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    private final IdentityProvider<TokenAuthenticationRequest> oidc;
    private final ExpiringMap<SecurityIdentity> verified;

    public VerifiedBearerCache(IdentityProvider<TokenAuthenticationRequest> oidc, Duration maxTtl, int maxEntries,
            InstantSource clock) {
        this.oidc = oidc;
        this.verified = new ExpiringMap<>(maxTtl, maxEntries, clock);
    }

    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential token) || token.getToken() == null) {
            return oidc.authenticate(request, context);
        }
        String key = sha256(token.getToken());
        SecurityIdentity known = verified.get(key);
        if (known != null) {
            return Uni.createFrom().item(forThisRequest(known, token, request));
        }
        return oidc.authenticate(request, context).invoke(identity -> {
            if (identity != null && !identity.isAnonymous()
                    && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                verified.put(key, withoutRequest(identity), Instant.ofEpochSecond(jwt.getExpirationTime()));
            }
        });
    }

    /**
     * The verified identity without the token and the routing context of the request that brought it. Its permission
     * checks (OIDC's scope permissions) still answer through the original identity, which keeps that first request's
     * context alive as long as the entry: one per remembered token, so callers bound the map's size.
     */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addPermissionChecker(identity::checkPermission);
        identity.getAttributes().forEach((name, value) -> {
            if (!name.equals(ROUTING_CONTEXT)) {
                builder.addAttribute(name, value);
            }
        });
        return builder.build();
    }

    private static SecurityIdentity forThisRequest(SecurityIdentity known, AccessTokenCredential token,
            TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(known).addCredential(token);
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            builder.addAttribute(ROUTING_CONTEXT, routingContext);
        }
        return builder.build();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Remembered tokens, for tests. */
    int size(Instant now) {
        return verified.size(now);
    }
}
