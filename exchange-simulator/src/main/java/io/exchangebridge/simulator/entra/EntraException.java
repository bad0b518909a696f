package io.exchangebridge.simulator.entra;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An Entra ID error answer: HTTP status, OAuth {@code error}, AADSTS code and the description text. Rendered in Entra's
 * exact JSON shape by {@link #body(Instant, String)}. The factories name the errors of the facts file.
 */
public final class EntraException extends RuntimeException {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final int status;
    private final String error;
    private final int code;

    public EntraException(int status, String error, int code, String text) {
        super(text);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The AADSTS number, e.g. 700082. */
    public int code() {
        return code;
    }

    /** The JSON body: error, error_description (with trace, correlation and timestamp lines), error_codes... */
    public Map<String, Object> body(Instant now, String correlationId) {
        String traceId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + getMessage() + "\r\nTrace ID: " + traceId
                + "\r\nCorrelation ID: " + correlationId + "\r\nTimestamp: " + timestamp);
        body.put("error_codes", List.of(code));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return body;
    }

    /** The description without trace lines, for redirects and HTML pages. */
    public String shortDescription() {
        return "AADSTS" + code + ": " + getMessage();
    }

    static EntraException missingParameter(String name) {
        return new EntraException(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + name + "'.");
    }

    static EntraException tenantNotFound(String tenant) {
        return new EntraException(400, "invalid_request", 90002, "Tenant '" + tenant
                + "' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
    }

    static EntraException unsupportedGrantType(String grantType) {
        return new EntraException(400, "unsupported_grant_type", 70003,
                "The app requested an unsupported grant type '" + grantType + "'.");
    }

    static EntraException applicationNotFound(String clientId, String tenant) {
        return new EntraException(401, "invalid_client", 700016, "Application with identifier '" + clientId
                + "' was not found in the directory '" + tenant
                + "'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
    }

    static EntraException missingClientCredential() {
        return new EntraException(401, "invalid_client", 7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    static EntraException invalidClientSecret(String clientId) {
        return new EntraException(401, "invalid_client", 7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
                        + clientId + "'.");
    }

    static EntraException clientSecretExpired(String clientId) {
        return new EntraException(401, "invalid_client", 7000222, "The provided client secret keys for app '"
                + clientId
                + "' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.");
    }

    static EntraException invalidAssertion(int code, String text) {
        return new EntraException(401, "invalid_client", code, text);
    }

    static EntraException mixedScopes(String scope) {
        return new EntraException(400, "invalid_scope", 70011,
                "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. One or more scopes in '"
                        + scope + "' are not compatible with each other.");
    }

    static EntraException clientCredentialsNeedDefault(String scope) {
        return new EntraException(400, "invalid_scope", 1002012, "The provided value for scope " + scope
                + " is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
    }

    static EntraException resourceNotFound(String resource, String tenant) {
        return new EntraException(400, "invalid_resource", 500011, "The resource principal named " + resource
                + " was not found in the tenant named " + tenant
                + ". This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.");
    }

    static EntraException invalidGrant() {
        return new EntraException(400, "invalid_grant", 70000, "Provided grant is invalid or malformed.");
    }

    static EntraException codeRedeemed() {
        return new EntraException(400, "invalid_grant", 54005,
                "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
    }

    static EntraException codeOrTokenExpired() {
        return new EntraException(400, "invalid_grant", 70008,
                "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
    }

    static EntraException refreshTokenInactive(Instant issuedAt, Instant now) {
        long days = Duration.between(issuedAt, now).toDays();
        return new EntraException(400, "invalid_grant", 700082,
                "The refresh token has expired due to inactivity. The token was issued on " + issuedAt
                        + " and was inactive for " + days + ".00:00:00.");
    }

    static EntraException grantRevoked(Instant issuedAt, Instant validFrom) {
        return new EntraException(400, "invalid_grant", 50173,
                "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '"
                        + issuedAt
                        + "' and the TokensValidFrom date (before which tokens are not valid) for this user is '"
                        + validFrom + "'.");
    }

    static EntraException signInFrequency() {
        return new EntraException(400, "invalid_grant", 70043,
                "The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.");
    }

    static EntraException consentRequired(String clientId, String appName) {
        return new EntraException(400, "invalid_grant", 65001,
                "The user or administrator has not consented to use the application with ID '" + clientId
                        + "' named '" + appName
                        + "'. Send an interactive authorization request for this user and resource.");
    }

    static EntraException conditionalAccessBlocked() {
        return new EntraException(400, "invalid_grant", 53003,
                "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.");
    }

    static EntraException codeVerifierMismatch() {
        return new EntraException(400, "invalid_grant", 501481,
                "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
    }

    static EntraException redirectUriMismatch() {
        return new EntraException(400, "invalid_grant", 500112,
                "The reply address does not match the reply address provided when requesting Authorization code.");
    }

    static EntraException temporarilyUnavailable(int status) {
        return new EntraException(status, "temporarily_unavailable", 90033,
                "A transient error has occurred. Please try again.");
    }
}
