package io.exchangebridge.foundation.security;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * HTTP Basic of every service's API users through {@link VerifiedPasswordCache}, in front of Elytron's embedded users:
 * a repeated request (a cached token hand-out, a REST submission) then needs no SHA-512 check and no worker thread. The
 * realm's users are the {@code quarkus.security.users.embedded.users.*} digests, read once (Elytron reads them at start
 * as well): a password change or a removed user takes a restart, which empties the cache. One bean here, so that all
 * services check passwords the same way.
 */
@ApplicationScoped
public class EmbeddedUsersBasicAuthentication implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String USERS = "quarkus.security.users.embedded.users.";
    static final Duration TTL = Duration.ofMinutes(5);

    private final VerifiedPasswordCache cache;

    public EmbeddedUsersBasicAuthentication(ElytronPasswordIdentityProvider elytron, Config config) {
        Map<String, String> digests = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(USERS)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(digest -> digests.put(unquote(name.substring(USERS.length())), digest));
            }
        }
        this.cache = new VerifiedPasswordCache(elytron, user -> Optional.ofNullable(digests.get(user)), TTL, 1_000,
                InstantSource.system());
    }

    private static String unquote(String user) {
        return user.length() > 1 && user.startsWith("\"") && user.endsWith("\"")
                ? user.substring(1, user.length() - 1)
                : user;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Asked before Elytron's provider, which has the default priority. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return cache.authenticate(request, context);
    }
}
