package io.exchangebridge.simulator.entra;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A verified access token issued by the simulated Entra ID.
 *
 * @param raw
 *            the compact JWT as presented
 * @param tenantId
 *            claim {@code tid}
 * @param appId
 *            claim {@code appid} / {@code azp}: the client the token was issued to
 * @param audience
 *            claim {@code aud}, e.g. {@code https://graph.microsoft.com} or {@code https://outlook.office.com}
 * @param upn
 *            claim {@code upn} of a delegated token; empty for application tokens
 * @param objectId
 *            claim {@code oid}: the user (delegated) or the service principal (application)
 * @param scopes
 *            claim {@code scp} split on spaces (delegated tokens), e.g. {@code Mail.ReadWrite}, {@code SMTP.Send}
 * @param roles
 *            claim {@code roles} (application tokens), e.g. {@code Mail.ReadWrite}, {@code SMTP.SendAsApp}
 * @param expiresAt
 *            claim {@code exp}
 */
public record AccessToken(String raw, String tenantId, String appId, String audience, Optional<String> upn,
        String objectId, Set<String> scopes, Set<String> roles, Instant expiresAt) {

    /** True for a token a user signed in for (authorization code / refresh token grants). */
    public boolean delegated() {
        return upn.isPresent();
    }

    /** True when the permission is granted as a delegated scope or an application role. */
    public boolean hasPermission(String permission) {
        return scopes.contains(permission) || roles.contains(permission);
    }
}
