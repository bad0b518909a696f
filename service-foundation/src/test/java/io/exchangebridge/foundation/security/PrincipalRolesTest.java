package io.exchangebridge.foundation.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

@QuarkusTest
class PrincipalRolesTest {

    @Inject
    BridgeAuthConfig config;

    @Inject
    PrincipalRoles roles;

    @Test
    void quotedPrincipalNamesWithColonsAreMapKeys() {
        assertThat(config.principalRoles())
                .containsExactly(
                        Map.entry("system:serviceaccount:eb:importer", java.util.List.of("token-client", "reader")));
    }

    @Test
    void aBearerPrincipalGetsItsConfiguredRoles() {
        SecurityIdentity augmented = augment(token("system:serviceaccount:eb:importer"));
        assertThat(augmented.getRoles()).containsExactlyInAnyOrder("token-client", "reader", "existing");
        assertThat(augment(token("system:serviceaccount:eb:other")).getRoles()).containsExactly("existing");
    }

    @Test
    void aBasicUserOfTheSameNameGetsNothing() {
        assertThat(augment(new QuarkusPrincipal("system:serviceaccount:eb:importer")).getRoles())
                .containsExactly("existing");
    }

    private SecurityIdentity augment(Principal principal) {
        SecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(principal)
                .addRoles(Set.of("existing")).build();
        return roles.augment(identity, null).await().indefinitely();
    }

    private static Principal token(String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        return new DefaultJWTCallerPrincipal(subject, "jwt", claims);
    }
}
