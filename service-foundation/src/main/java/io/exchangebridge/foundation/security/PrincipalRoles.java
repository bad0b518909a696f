package io.exchangebridge.foundation.security;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Roles from configuration for bearer principals whose token names none, such as Kubernetes service accounts:
 * {@code bridge-auth.principal-roles."system:serviceaccount:eb:import-service"=token-client}. Applied to OIDC
 * identities only (their principal is the verified {@link JsonWebToken}); a Basic user's roles stay those of the
 * embedded realm, so configuration cannot widen a password user by naming it here.
 */
@ApplicationScoped
public class PrincipalRoles implements SecurityIdentityAugmentor {

    @Inject
    BridgeAuthConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(identity);
        }
        List<String> roles = config.principalRoles().get(identity.getPrincipal().getName());
        if (roles == null || roles.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(Set.copyOf(roles)).build());
    }
}
