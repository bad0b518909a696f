package io.exchangebridge.foundation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

class VerifiedBearerCacheTest {

    /** The OIDC verifier: knows which tokens are valid and until when; counts its full verifications. */
    static final class Issuer implements IdentityProvider<TokenAuthenticationRequest> {
        final Map<String, Instant> valid = new HashMap<>();
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                AuthenticationRequestContext context) {
            verifications.incrementAndGet();
            Instant expires = valid.get(request.getToken().getToken());
            if (expires == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException());
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new Jwt("app-" + expires,
                    expires)).addRole("Bridge.Token").addCredential(request.getToken())
                    .addAttribute("tenant-id", "entra").build());
        }
    }

    record Jwt(String getName, Instant expires) implements JsonWebToken {
        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp", "azp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return (T) (claimName.equals("exp") ? (Object) expires.getEpochSecond() : getName);
        }
    }

    private static final AuthenticationRequestContext CONTEXT = supplier -> Uni.createFrom().item(supplier);

    private final Issuer issuer = new Issuer();
    private final VerifiedPasswordCacheTest.Clock clock = new VerifiedPasswordCacheTest.Clock();
    private final VerifiedBearerCache cache = new VerifiedBearerCache(issuer, Duration.ofMinutes(10), 100, clock);

    private SecurityIdentity present(TokenCredential token) {
        return cache.authenticate(new TokenAuthenticationRequest(token), CONTEXT).await().indefinitely();
    }

    private SecurityIdentity present(String token) {
        return present(new AccessTokenCredential(token));
    }

    @Test
    void aVerifiedTokenIsRecognisedByItsHashWithThisRequestsCredential() {
        issuer.valid.put("header.claims.signature", clock.instant().plus(Duration.ofHours(1)));

        present("header.claims.signature");
        AccessTokenCredential second = new AccessTokenCredential("header.claims.signature");
        SecurityIdentity again = present(second);

        assertThat(issuer.verifications).hasValue(1);
        assertThat(again.getRoles()).containsExactly("Bridge.Token");
        assertThat(again.getCredentials()).containsExactly(second);
        assertThat((String) again.getAttribute("tenant-id")).isEqualTo("entra");
        assertThat(again.getPrincipal()).isInstanceOf(JsonWebToken.class);
    }

    @Test
    void aTokenThatFailsIsNeverRememberedAndAnySimilarOneIsVerifiedInFull() {
        issuer.valid.put("header.claims.signature", clock.instant().plus(Duration.ofHours(1)));
        present("header.claims.signature");

        assertThatThrownBy(() -> present("header.claims.signaturf")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> present("header.claims.signaturf")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> present("header.claims.signature ")).isInstanceOf(AuthenticationFailedException.class);

        assertThat(issuer.verifications).hasValue(4);
        assertThat(cache.size(clock.instant())).isEqualTo(1);
    }

    @Test
    void aTokenIsRememberedUntilItExpiresAtMostForTheMaximum() {
        issuer.valid.put("short.lived.token", clock.instant().plus(Duration.ofMinutes(2)));
        issuer.valid.put("long.lived.token", clock.instant().plus(Duration.ofHours(1)));
        present("short.lived.token");
        present("long.lived.token");

        clock.now.set(clock.instant().plus(Duration.ofMinutes(2)));
        issuer.valid.remove("short.lived.token");
        assertThatThrownBy(() -> present("short.lived.token")).as("expired: verified again, and refused")
                .isInstanceOf(AuthenticationFailedException.class);
        present("long.lived.token");
        assertThat(issuer.verifications).hasValue(3);

        clock.now.set(clock.instant().plus(Duration.ofMinutes(8)));
        present("long.lived.token");
        assertThat(issuer.verifications).as("verified again after the ten-minute maximum").hasValue(4);
    }

    @Test
    void codeFlowIdTokensAreNotCached() {
        issuer.valid.put("id.token.value", clock.instant().plus(Duration.ofHours(1)));

        present(new IdTokenCredential("id.token.value"));
        present(new IdTokenCredential("id.token.value"));

        assertThat(issuer.verifications).hasValue(2);
        assertThat(cache.size(clock.instant())).isZero();
    }

    @Test
    void onlyTheHashIsKept() {
        assertThat(VerifiedBearerCache.sha256("header.claims.signature")).hasSize(64)
                .doesNotContain("header").doesNotContain("signature");
    }
}
