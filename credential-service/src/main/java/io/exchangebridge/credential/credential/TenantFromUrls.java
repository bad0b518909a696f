package io.exchangebridge.credential.credential;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tenant of a credential: the tenant id as given; when it is not, the tenant the URLs name in their path
 * ({@code /{tenant}/oauth2/v2.0/authorize|token}): both URLs for a delegated credential, the token URL for client
 * credentials (which never use the authorization URL; when one is given anyway, it must name the same tenant).
 */
final class TenantFromUrls {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");

    private TenantFromUrls() {
    }

    /**
     * @param authorize
     *            the checked authorization URL, null when absent or invalid
     * @param token
     *            the checked token URL, null when absent or invalid
     * @param urlErrors
     *            where a problem of one of the URLs goes
     * @return the tenant, or null when there is none (the reason recorded)
     */
    static String tenant(CredentialRequest r, URI authorize, URI token, FieldErrors urlErrors, FieldErrors errors) {
        if (!CredentialValidator.blank(r.tenantId())) {
            if (!TENANT.matcher(r.tenantId()).matches()) {
                errors.add("tenantId", "is not a directory (tenant) id or domain, e.g. contoso.onmicrosoft.com");
            }
            return r.tenantId();
        }
        boolean appOnly = "client_credentials".equals(r.grantType());
        if (r.tokenUrl() == null || (r.authorizationUrl() == null && !appOnly)) {
            errors.add("tenantId", "is required: a directory (tenant) id or domain (optional when both the "
                    + "authorization URL and the token URL are given, or for client credentials the token URL: it "
                    + "is taken from them)");
            return null;
        }
        if (token == null || (r.authorizationUrl() != null && authorize == null)) {
            return null; // the URL's own error says what is wrong
        }
        Optional<String> fromToken = AuthorizationUrl.tenant(token, "token");
        Optional<String> fromAuthorize = authorize == null
                ? fromToken
                : AuthorizationUrl.tenant(authorize, "authorize");
        if (fromAuthorize.isEmpty() && authorize != null) {
            urlErrors.add("authorizationUrl", "does not name the tenant as https://login.microsoftonline.com/"
                    + "{tenant}/oauth2/v2.0/authorize does: fill in the directory (tenant) id, or write the URL so");
        }
        if (fromToken.isEmpty()) {
            urlErrors.add("tokenUrl", "does not name the tenant as https://login.microsoftonline.com/"
                    + "{tenant}/oauth2/v2.0/token does: fill in the directory (tenant) id, or write the URL so");
        }
        if (fromAuthorize.isEmpty() || fromToken.isEmpty()) {
            return null;
        }
        if (!fromAuthorize.get().equalsIgnoreCase(fromToken.get())) {
            urlErrors.add("tokenUrl", "names the tenant '" + fromToken.get() + "' but the authorization URL names '"
                    + fromAuthorize.get() + "': both must name the same tenant");
            return null;
        }
        if (!TENANT.matcher(fromToken.get()).matches()) {
            urlErrors.add(authorize == null ? "tokenUrl" : "authorizationUrl", "names '" + fromToken.get()
                    + "' where the directory (tenant) id or domain belongs");
            return null;
        }
        return fromToken.get();
    }
}
