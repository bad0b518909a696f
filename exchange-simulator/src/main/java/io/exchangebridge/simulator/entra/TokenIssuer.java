package io.exchangebridge.simulator.entra;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.User;

/**
 * Mints Entra-shaped RS256 access tokens and id tokens. Tests of the Graph and SMTP parts can use it directly instead
 * of going through the token endpoint.
 */
public final class TokenIssuer {

    private final SigningKey key;
    private final Clock clock;
    private final EntraSettings settings;
    private final Supplier<String> defaultBaseUrl;

    public TokenIssuer(SigningKey key, Clock clock, EntraSettings settings, Supplier<String> defaultBaseUrl) {
        this.key = key;
        this.clock = clock;
        this.settings = settings;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The {@code iss} of tokens of a tenant when the client reached Entra at {@code baseUrl}. */
    public static String issuer(String baseUrl, String tenantId) {
        return baseUrl + "/" + tenantId + "/v2.0";
    }

    /**
     * An application token (client credentials) for {@code resource}, with the roles the app was granted; a custom API
     * of the tenant (client id or Application ID URI) gets its client id as {@code aud}.
     */
    public String applicationToken(AppRegistration app, String resource) {
        return applicationToken(defaultBaseUrl.get(), app, resource, api(app, resource), "1");
    }

    /**
     * A delegated token of {@code user} for {@code resource} with {@code scopes} (not checked against consent); for a
     * custom API also the user's app roles on it.
     */
    public String delegatedToken(AppRegistration app, User user, String resource, String... scopes) {
        return delegatedToken(defaultBaseUrl.get(), app, user, resource, api(app, resource), Set.of(scopes), "1");
    }

    private static Optional<AppRegistration> api(AppRegistration app, String resource) {
        return Resources.microsoft(resource) ? Optional.empty() : app.tenant().findApi(resource);
    }

    String applicationToken(String baseUrl, AppRegistration app, String resource, Optional<AppRegistration> api,
            String clientAuthMethod) {
        JwtClaims claims = common(baseUrl, app, audience(resource, api), clientAuthMethod);
        claims.setSubject(app.servicePrincipalId());
        claims.setClaim("oid", app.servicePrincipalId());
        claims.setClaim("idtyp", "app");
        // A custom API's tokens carry only the granted roles it still defines.
        Set<String> roles = new TreeSet<>(app.applicationRoles(api.map(AppRegistration::clientId).orElse(resource)));
        api.ifPresent(a -> roles.retainAll(a.definedAppRoles()));
        if (!roles.isEmpty()) {
            claims.setStringListClaim("roles", List.copyOf(new TreeSet<>(roles)));
        }
        return sign(claims);
    }

    String delegatedToken(String baseUrl, AppRegistration app, User user, String resource,
            Optional<AppRegistration> api, Set<String> scopes, String clientAuthMethod) {
        JwtClaims claims = common(baseUrl, app, audience(resource, api), clientAuthMethod);
        claims.setSubject(pairwiseSubject(app, user));
        claims.setClaim("oid", user.id());
        claims.setClaim("idtyp", "user");
        claims.setClaim("scp", String.join(" ", new TreeSet<>(scopes)));
        claims.setClaim("upn", user.upn());
        claims.setClaim("unique_name", user.upn());
        claims.setClaim("preferred_username", user.upn());
        claims.setClaim("name", user.displayName());
        api.map(a -> user.appRoles(a.clientId())).filter(r -> !r.isEmpty())
                .ifPresent(r -> claims.setStringListClaim("roles", List.copyOf(r)));
        return sign(claims);
    }

    /** v2 tokens for a custom API carry its client id as {@code aud}; Microsoft's resources their URL. */
    private static String audience(String resource, Optional<AppRegistration> api) {
        return api.map(AppRegistration::clientId).orElse(Resources.strip(resource));
    }

    /**
     * The OpenID Connect id token: audience is the client, subject pairwise per app; {@code roles} the user's app roles
     * on this app, {@code groups} the user's groups when the app's {@code groupMembershipClaims} asks for them (neither
     * claim when empty, as in Entra).
     */
    String idToken(String baseUrl, AppRegistration app, User user, Optional<String> nonce) {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer(baseUrl, user.tenant().id()));
        claims.setAudience(app.clientId());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(settings.accessTokenLifetime()).getEpochSecond()));
        claims.setSubject(pairwiseSubject(app, user));
        claims.setClaim("oid", user.id());
        claims.setClaim("tid", user.tenant().id());
        claims.setClaim("preferred_username", user.upn());
        claims.setClaim("name", user.displayName());
        claims.setClaim("ver", "2.0");
        Set<String> roles = user.appRoles(app.clientId());
        if (!roles.isEmpty()) {
            claims.setStringListClaim("roles", List.copyOf(roles));
        }
        Set<String> groups = user.groups();
        if (app.emitsGroups() && !groups.isEmpty()) {
            claims.setStringListClaim("groups", List.copyOf(groups));
        }
        nonce.ifPresent(n -> claims.setClaim("nonce", n));
        return sign(claims);
    }

    private JwtClaims common(String baseUrl, AppRegistration app, String audience, String clientAuthMethod) {
        Instant now = clock.instant();
        JwtClaims claims = new JwtClaims();
        claims.setAudience(audience);
        claims.setIssuer(issuer(baseUrl, app.tenant().id()));
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        // Entra back-dates nbf by five minutes to absorb clock skew.
        claims.setNotBefore(NumericDate.fromSeconds(now.minusSeconds(300).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(settings.accessTokenLifetime()).getEpochSecond()));
        claims.setClaim("tid", app.tenant().id());
        claims.setClaim("appid", app.clientId());
        claims.setClaim("azp", app.clientId());
        claims.setClaim("appidacr", clientAuthMethod);
        claims.setClaim("azpacr", clientAuthMethod);
        claims.setClaim("app_displayname", app.displayName());
        claims.setClaim("ver", "2.0");
        claims.setClaim("uti", UUID.randomUUID().toString().replace("-", "").substring(0, 22));
        return claims;
    }

    private static String pairwiseSubject(AppRegistration app, User user) {
        return UUID.nameUUIDFromBytes((app.clientId() + ":" + user.id()).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.jwk().getPrivateKey());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }
}
