package io.exchangebridge.credential.credential;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a {@link CredentialRequest} for the REST API and the admin UI alike: the API answers a 400 naming the first
 * invalid field, the UI shows every invalid field next to its input. The rules of the URLs ({@link EndpointUrls}), the
 * tenant ({@link TenantFromUrls}), the authentication material ({@link AuthenticationMaterial}) and the scopes
 * ({@link ScopeRules}) each have their own class.
 */
@ApplicationScoped
public class CredentialValidator {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");

    private final EndpointUrls urls;

    public CredentialValidator(EndpointUrls urls) {
        this.urls = urls;
    }

    public void validateId(String id) {
        FieldErrors errors = new FieldErrors();
        checkId(id, errors);
        errors.throwIfAny();
    }

    /** Checks an administrator-chosen id. */
    public void checkId(String id, FieldErrors errors) {
        if (blank(id)) {
            errors.add("id", "is required");
        } else if (!ID.matcher(id).matches()) {
            errors.add("id", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /**
     * @param secretStored
     *            whether a client secret is stored already (PUT may then omit it)
     * @param privateKeyStored
     *            whether a private key is stored already
     * @return the request with the tenant and the scopes per resource derived from the URLs and the Scope string
     */
    public CredentialRequest validate(CredentialRequest r, boolean secretStored, boolean privateKeyStored) {
        FieldErrors errors = new FieldErrors();
        CredentialRequest resolved = check(r, secretStored, privateKeyStored, errors);
        errors.throwIfAny();
        return resolved;
    }

    /**
     * Records every invalid field of the request, in the order the API reports them.
     *
     * @return the request with the tenant (from the two URLs when it is not given) and the scopes per resource (from
     *         the Scope string when it is given); meaningful only when no error was recorded
     */
    public CredentialRequest check(CredentialRequest r, boolean secretStored, boolean privateKeyStored,
            FieldErrors errors) {
        GrantType grant = GrantType.of(r.grantType()).orElse(null);
        if (grant == null) {
            errors.add("grantType", "must be 'client_credentials' or 'authorization_code'");
        }
        if (r.description() != null && r.description().length() > 500) {
            errors.add("description", "must be at most 500 characters");
        }
        FieldErrors urlErrors = new FieldErrors();
        URI authorize = r.authorizationUrl() == null ? null : urls.authorizationUrl(r, urlErrors);
        URI token = r.tokenUrl() == null ? null : urls.allowedHttps("tokenUrl", r.tokenUrl(), urlErrors);
        String tenant = TenantFromUrls.tenant(r, authorize, token, urlErrors, errors);
        if (blank(r.clientId()) || !CLIENT_ID.matcher(r.clientId()).matches()) {
            errors.add("clientId", "is required: the application (client) id");
        }
        if (r.authorityHost() != null) {
            urls.checkAuthorityHost(r.authorityHost(), errors);
        }
        errors.addAll(urlErrors);
        AuthenticationMaterial.check(r, secretStored, privateKeyStored, errors);
        Map<String, List<String>> scopes = grant == null ? r.scopes() : ScopeRules.scopes(r, grant, errors);
        if (r.redirectUri() != null) {
            EndpointUrls.checkRedirectUri(r.redirectUri(), errors);
        }
        return r.resolved(tenant, scopes);
    }

    static InvalidCredentialException invalid(String field, String message) {
        return new InvalidCredentialException(FieldErrors.of(field, message));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
