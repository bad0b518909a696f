package io.exchangebridge.simulator.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;
import io.exchangebridge.simulator.entra.ClientAuthenticator.AuthenticatedClient;
import io.exchangebridge.simulator.faults.EntraFaults;

/** {@code POST /{tenant}/oauth2/v2.0/token}: client credentials, authorization code (PKCE), refresh token. */
final class TokenEndpoint {

    private final SimulatedDirectory directory;
    private final Clock clock;
    private final EntraSettings settings;
    private final TokenIssuer issuer;
    private final ClientAuthenticator authenticator;
    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final EntraFaults faults;
    private final LoopDetector loops;

    TokenEndpoint(SimulatedDirectory directory, Clock clock, EntraSettings settings, TokenIssuer issuer,
            AuthorizationCodes codes, RefreshTokens refreshTokens, EntraFaults faults) {
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.issuer = issuer;
        this.authenticator = new ClientAuthenticator(clock);
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.faults = faults;
        this.loops = new LoopDetector(clock, settings);
    }

    /** The JSON body of a successful answer; failures are thrown as {@link EntraException}. */
    Map<String, Object> handle(TokenRequest request) {
        faults.takeTokenFailure().ifPresent(status -> {
            throw EntraException.temporarilyUnavailable(status);
        });
        return switch (request.required("grant_type")) {
            case "client_credentials" -> clientCredentials(request);
            case "authorization_code" -> authorizationCode(request);
            case "refresh_token" -> refreshToken(request);
            default -> throw EntraException.unsupportedGrantType(request.grantType());
        };
    }

    private Map<String, Object> clientCredentials(TokenRequest request) {
        Tenant tenant = concreteTenant(request.tenantInPath)
                .orElseThrow(() -> EntraException.tenantNotFound(request.tenantInPath));
        AuthenticatedClient client = authenticate(tenant, request, true);
        String scope = request.required("scope");
        ScopeRequest scopes = ScopeRequest.parse(scope, request.tenantInPath, tenant::findApi);
        if (!scopes.isDefault() || scopes.permissions().size() != 1) {
            throw EntraException.clientCredentialsNeedDefault(scope);
        }
        if (tenant.conditionalAccessBlock()) {
            throw EntraException.conditionalAccessBlocked();
        }
        loops.check(client.app().clientId(), "app", Resources.canonical(scopes.grantKey()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("ext_expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("access_token",
                issuer.applicationToken(request.baseUrl, client.app(), scopes.resource(), scopes.api(),
                        client.authMethod()));
        return body;
    }

    private Map<String, Object> authorizationCode(TokenRequest request) {
        String value = request.required("code");
        request.required("redirect_uri");
        AuthorizationCodes.Code code = codes.redeem(value, clock.instant());
        Tenant tenant = grantTenant(request.tenantInPath, code.tenantId());
        AuthenticatedClient client = authenticate(tenant, request, false);
        if (!client.app().clientId().equals(code.clientId())) {
            throw EntraException.invalidGrant();
        }
        if (!code.redirectUri().equals(request.form.get("redirect_uri"))) {
            throw EntraException.redirectUriMismatch();
        }
        code.codeChallenge().ifPresent(challenge -> verifyPkce(challenge, code.codeChallengeMethod(),
                request.optional("code_verifier")));
        User user = tenant.findUser(code.userId()).orElseThrow(EntraException::invalidGrant);
        request.upn = user.upn();
        ScopeRequest scopes = ScopeRequest.parse(request.optional("scope").orElse(code.scope()), request.tenantInPath,
                tenant::findApi);
        return delegated(request, client, user, scopes, code.nonce(), scopes.offlineAccess());
    }

    private Map<String, Object> refreshToken(TokenRequest request) {
        String value = request.required("refresh_token");
        String scope = request.required("scope");
        RefreshTokens.Grant grant = refreshTokens.find(value).orElseThrow(EntraException::invalidGrant);
        Tenant tenant = grantTenant(request.tenantInPath, grant.tenantId);
        AuthenticatedClient client = authenticate(tenant, request, false);
        if (!client.app().clientId().equals(grant.clientId)) {
            throw EntraException.invalidGrant();
        }
        User user = tenant.findUser(grant.userId).orElseThrow(EntraException::invalidGrant);
        request.upn = user.upn();
        checkStillValid(grant, user);
        ScopeRequest scopes = ScopeRequest.parse(scope, request.tenantInPath, tenant::findApi);
        // Every refresh returns a new refresh token (rotation), whether or not offline_access is repeated.
        Map<String, Object> body = delegated(request, client, user, scopes, Optional.empty(), true);
        if (grant.rotatedAt == null) {
            grant.rotatedAt = clock.instant();
        }
        return body;
    }

    private void checkStillValid(RefreshTokens.Grant grant, User user) {
        Instant now = clock.instant();
        if (grant.fault == RefreshTokens.EntraFault.REVOKED) {
            throw EntraException.codeOrTokenExpired();
        }
        if (grant.fault == RefreshTokens.EntraFault.EXPIRED
                || !now.isBefore(grant.issuedAt.plus(settings.refreshTokenInactivity()))) {
            throw EntraException.refreshTokenInactive(grant.issuedAt, now);
        }
        if (grant.issuedAt.isBefore(user.grantsRevokedAt())) {
            throw EntraException.grantRevoked(grant.issuedAt, user.grantsRevokedAt());
        }
        if (faults.signInRequiredSince(user.id()).filter(grant.issuedAt::isBefore).isPresent()) {
            throw EntraException.signInFrequency();
        }
        Instant rotatedAt = grant.rotatedAt;
        if (rotatedAt != null && !now.isBefore(rotatedAt.plus(settings.refreshTokenGracePeriod()))) {
            throw EntraException.invalidGrant();
        }
    }

    private Map<String, Object> delegated(TokenRequest request, AuthenticatedClient client, User user,
            ScopeRequest scopes, Optional<String> nonce, boolean issueRefreshToken) {
        AppRegistration app = client.app();
        if (user.tenant().conditionalAccessBlock()) {
            throw EntraException.conditionalAccessBlocked();
        }
        if (app.consentWithheld()) {
            throw EntraException.consentRequired(app.clientId(), app.displayName());
        }
        // An app needs no consent to call itself ({its client id}/.default, its own Application ID URI).
        boolean self = scopes.api().filter(api -> api.clientId().equals(app.clientId())).isPresent();
        Set<String> granted = scopes.isDefault()
                ? app.consentedScopesOf(user.id(), scopes.grantKey())
                : scopes.permissions();
        boolean consented = self || (scopes.isDefault()
                ? !granted.isEmpty()
                : app.consented(user.id(), scopes.grantKey(), granted));
        if (!scopes.permissions().isEmpty() && !consented) {
            throw EntraException.consentRequired(app.clientId(), app.displayName());
        }
        loops.check(app.clientId(), user.id(), Resources.canonical(scopes.grantKey()));
        Set<String> scp = granted.isEmpty() ? scopes.oidc() : granted;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scopes.responseScope(granted));
        body.put("expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("ext_expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("access_token", issuer.delegatedToken(request.baseUrl, app, user, scopes.resource(), scopes.api(),
                scp, client.authMethod()));
        if (issueRefreshToken) {
            body.put("refresh_token",
                    refreshTokens.issue(user.tenant().id(), app.clientId(), user.id(), clock.instant()).value);
        }
        if (scopes.openid()) {
            body.put("id_token", issuer.idToken(request.baseUrl, app, user, nonce));
        }
        if ("1".equals(request.form.get("client_info"))) {
            body.put("client_info", clientInfo(user));
        }
        return body;
    }

    /** MSAL's {@code client_info}: base64url of {@code {"uid":oid,"utid":tid}}, its home account id. */
    static String clientInfo(User user) {
        String json = "{\"uid\":\"" + user.id() + "\",\"utid\":\"" + user.tenant().id() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private AuthenticatedClient authenticate(Tenant tenant, TokenRequest request, boolean credentialRequired) {
        request.appId = request.form.getOrDefault("client_id", "");
        AuthenticatedClient client = authenticator.authenticate(tenant, request.tenantInPath, request.form,
                request.authorization, credentialRequired);
        request.appId = client.app().clientId();
        return client;
    }

    private static void verifyPkce(String challenge, String method, Optional<String> verifier) {
        String presented = verifier.orElseThrow(EntraException::codeVerifierMismatch);
        String expected = "plain".equals(method) ? presented : s256(presented);
        if (!expected.equals(challenge)) {
            throw EntraException.codeVerifierMismatch();
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant of a code or refresh token; a tenant in the path must be the same one. */
    private Tenant grantTenant(String tenantInPath, String grantTenantId) {
        Tenant tenant = directory.findTenant(grantTenantId).orElseThrow(EntraException::invalidGrant);
        if (!Authorities.isMultiTenant(tenantInPath)) {
            Tenant inPath = directory.findTenant(tenantInPath)
                    .orElseThrow(() -> EntraException.tenantNotFound(tenantInPath));
            if (!inPath.id().equals(tenant.id())) {
                throw EntraException.invalidGrant();
            }
        }
        return tenant;
    }

    private Optional<Tenant> concreteTenant(String tenantInPath) {
        return Authorities.isMultiTenant(tenantInPath) ? Optional.empty() : directory.findTenant(tenantInPath);
    }
}
