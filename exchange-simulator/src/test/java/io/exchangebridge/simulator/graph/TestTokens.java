package io.exchangebridge.simulator.graph;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.entra.InvalidTokenException;
import io.exchangebridge.simulator.entra.InvalidTokenException.Reason;
import io.exchangebridge.simulator.entra.TokenVerifier;

/** Opaque test tokens standing in for the simulator's Entra ID until the core is wired in. */
final class TestTokens implements TokenVerifier {

    static final String GRAPH = "https://graph.microsoft.com";
    static final String APP = "aaaaaaaa-0000-0000-0000-000000000001";

    private final Clock clock;
    private final Map<String, AccessToken> issued = new ConcurrentHashMap<>();

    TestTokens(Clock clock) {
        this.clock = clock;
    }

    /** An application token with the given roles. */
    String app(String... roles) {
        return issue(APP, GRAPH, Optional.empty(), Set.of(), Set.of(roles), Duration.ofHours(1));
    }

    String app(String appId, String audience, Duration lifetime, String... roles) {
        return issue(appId, audience, Optional.empty(), Set.of(), Set.of(roles), lifetime);
    }

    /** A delegated token of {@code upn} with the given scopes. */
    String delegated(String upn, String... scopes) {
        return issue(APP, GRAPH, Optional.of(upn), Set.of(scopes), Set.of(), Duration.ofHours(1));
    }

    private String issue(String appId, String audience, Optional<String> upn, Set<String> scopes, Set<String> roles,
            Duration lifetime) {
        String raw = "test." + UUID.randomUUID() + ".token";
        issued.put(raw, new AccessToken(raw, TestDirectory.TENANT, appId, audience, upn, UUID.randomUUID().toString(),
                scopes, roles, clock.instant().plus(lifetime)));
        return raw;
    }

    @Override
    public AccessToken verify(String compactJwt) throws InvalidTokenException {
        AccessToken token = issued.get(compactJwt);
        if (token == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "IDX14100: JWT is not well formed.");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new InvalidTokenException(Reason.EXPIRED, "Lifetime validation failed, the token is expired.");
        }
        return token;
    }
}
