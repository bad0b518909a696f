package io.exchangebridge.credential.credential;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.config.CredentialConfig;

/**
 * Checks a {@link CredentialRequest} for the REST API and the admin UI alike: the API answers a 400 naming the first
 * invalid field, the UI shows every invalid field next to its input.
 */
@ApplicationScoped
public class CredentialValidator {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,99}");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final CredentialConfig config;

    public CredentialValidator(CredentialConfig config) {
        this.config = config;
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
        URI authorize = r.authorizationUrl() == null ? null : authorizationUrl(r, urlErrors);
        URI token = r.tokenUrl() == null ? null : allowedHttps("tokenUrl", r.tokenUrl(), urlErrors);
        String tenant = tenant(r, authorize, token, urlErrors, errors);
        if (blank(r.clientId()) || !CLIENT_ID.matcher(r.clientId()).matches()) {
            errors.add("clientId", "is required: the application (client) id");
        }
        if (r.authorityHost() != null) {
            URI uri = allowedHttps("authorityHost", r.authorityHost(), errors);
            if (uri != null && uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) {
                errors.add("authorityHost", "must be a host URL without a path, e.g. https://login.microsoftonline.us");
            }
        }
        errors.addAll(urlErrors);
        checkAuthentication(r, secretStored, privateKeyStored, errors);
        Map<String, List<String>> scopes = grant == null ? r.scopes() : scopes(r, grant, errors);
        if (r.redirectUri() != null) {
            URI uri = parse("redirectUri", r.redirectUri(), errors);
            if (uri != null) {
                boolean localhost = "http".equals(uri.getScheme()) && "localhost".equalsIgnoreCase(uri.getHost());
                if (!("https".equals(uri.getScheme()) || localhost) || uri.getHost() == null
                        || uri.getFragment() != null) {
                    errors.add("redirectUri", "must be an https URL (or http://localhost) without fragment");
                }
            }
        }
        return r.resolved(tenant, scopes);
    }

    /**
     * The tenant id as given; when it is not, the tenant the URLs name in their path
     * ({@code /{tenant}/oauth2/v2.0/authorize|token}): both URLs for a delegated credential, the token URL for client
     * credentials (which never use the authorization URL; when one is given anyway, it must name the same tenant).
     */
    private static String tenant(CredentialRequest r, URI authorize, URI token, FieldErrors urlErrors,
            FieldErrors errors) {
        if (!blank(r.tenantId())) {
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

    private static void checkAuthentication(CredentialRequest r, boolean secretStored, boolean privateKeyStored,
            FieldErrors errors) {
        String method = r.clientAuthentication() == null ? "secret" : r.clientAuthentication();
        switch (method) {
            case "secret" -> {
                if (blank(r.clientSecret()) && !secretStored) {
                    errors.add("clientSecret", "is required for clientAuthentication 'secret'");
                }
                checkSecretLength(r.clientSecret(), errors);
            }
            case "certificate" -> {
                if (blank(r.certificatePem())) {
                    errors.add("certificatePem", "is required for clientAuthentication 'certificate'");
                } else if (!isCertificate(r.certificatePem())) {
                    errors.add("certificatePem", "is not a PEM X.509 certificate");
                }
                if (blank(r.privateKeyPem()) && !privateKeyStored) {
                    errors.add("privateKeyPem", "is required for clientAuthentication 'certificate'");
                }
                if (!blank(r.privateKeyPem()) && !isPrivateKey(r.privateKeyPem())) {
                    errors.add("privateKeyPem",
                            "is not a PEM PKCS#8 RSA private key (-----BEGIN PRIVATE KEY-----)");
                }
            }
            case "federated" -> {
                if (blank(r.federatedTokenFile()) || !r.federatedTokenFile().startsWith("/")) {
                    errors.add("federatedTokenFile",
                            "is required for clientAuthentication 'federated': an absolute path");
                }
            }
            default -> errors.add("clientAuthentication", "must be 'secret', 'certificate' or 'federated'");
        }
    }

    /** A client secret that can be stored. */
    static void checkSecretLength(String secret, FieldErrors errors) {
        if (secret != null && secret.length() > 1000) {
            errors.add("clientSecret", "is too long");
        }
    }

    /**
     * The scopes per resource: from the Scope string, or the structured map, or both when they mean the same.
     */
    private static Map<String, List<String>> scopes(CredentialRequest r, GrantType grant, FieldErrors errors) {
        boolean delegated = grant == GrantType.AUTHORIZATION_CODE;
        boolean structured = r.scopes() != null && !r.scopes().isEmpty();
        if (r.scope() == null || (r.scope().isBlank() && structured)) {
            if (!structured) {
                errors.add("scope", "is required: one Scope string, e.g. 'Mail.ReadWrite offline_access' or "
                        + "'https://graph.microsoft.com/.default' (or the structured scopes map)");
                return r.scopes();
            }
            checkScopes(r.scopes(), grant, errors);
            return r.scopes();
        }
        ScopeString.Parsed parsed = ScopeString.parse(r.scope(), grant);
        if (!parsed.valid()) {
            errors.add("scope", parsed.error());
            return r.scopes();
        }
        if (structured) {
            FieldErrors own = new FieldErrors();
            checkScopes(r.scopes(), grant, own);
            errors.addAll(own);
            if (own.isEmpty() && !ScopeString.normalize(r.scopes(), delegated)
                    .equals(ScopeString.normalize(parsed.scopes(), delegated))) {
                errors.add("scope", "and scopes say different things (scope names " + ScopeString.normalize(
                        parsed.scopes(), delegated) + ", scopes " + ScopeString.normalize(r.scopes(), delegated)
                        + "): give one of them, the Scope string or the structured scopes map");
            }
            return r.scopes();
        }
        return parsed.scopes();
    }

    private static void checkScopes(Map<String, List<String>> scopes, GrantType grant, FieldErrors errors) {
        boolean delegated = grant == GrantType.AUTHORIZATION_CODE;
        for (var entry : scopes.entrySet()) {
            String field = "scopes." + entry.getKey();
            if (Resources.uri(entry.getKey(), delegated).isEmpty()) {
                errors.add(field, "is not a resource: use 'graph', 'outlook' or an https resource URI");
                continue;
            }
            List<String> list = entry.getValue() == null ? List.of() : entry.getValue();
            if (list.stream().anyMatch(s -> s == null || !SCOPE.matcher(s).matches())) {
                errors.add(field, "contains an invalid scope");
            } else if (delegated && list.isEmpty()) {
                errors.add(field, "must list the delegated scopes, e.g. [\"Mail.ReadWrite\"]");
            } else if (!delegated && !(list.isEmpty() || list.equals(List.of(".default")))) {
                errors.add(field, "must be empty for client_credentials: {resource}/.default is requested");
            }
        }
    }

    /**
     * An authorization URL may carry a query (the Ultimo guide's {@code ?prompt=select_account}): its parameters are
     * merged into the authorize request. Refused is only what is unsafe or contradicts the credential.
     */
    private URI authorizationUrl(CredentialRequest r, FieldErrors errors) {
        String field = "authorizationUrl";
        URI uri = parse(field, r.authorizationUrl(), errors);
        if (uri == null) {
            return null;
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            errors.add(field, "must be an https URL, e.g. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/"
                    + "authorize?prompt=select_account");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(field, "must not contain user info (a name and '@' before the host)");
            return null;
        }
        if (uri.getRawFragment() != null) {
            errors.add(field, "must not have a fragment ('#…'): remove it");
            return null;
        }
        if (!hostAllowed(uri)) {
            errors.add(field, "host '" + uri.getHost() + "' is not an allowed authority host");
            return null;
        }
        AuthorizationUrl url;
        try {
            url = AuthorizationUrl.parse(r.authorizationUrl());
        } catch (IllegalArgumentException e) {
            errors.add(field, "names the parameter '" + e.getMessage() + "' more than once: keep one");
            return null;
        }
        String problem = queryProblem(url.params(), r);
        if (problem != null) {
            errors.add(field, problem);
            return null;
        }
        return uri;
    }

    /** Why a parameter of the authorization URL cannot be sent, or null. */
    private String queryProblem(Map<String, String> params, CredentialRequest r) {
        for (var p : params.entrySet()) {
            String key = p.getKey();
            String value = p.getValue();
            if (AuthorizationUrl.SECRETS.contains(key)) {
                return "must not carry '" + key + "': every administrator sees this URL; a secret belongs in its "
                        + "write-only field";
            }
            if ("response_type".equals(key) && !"code".equals(value)) {
                return "asks for response_type '" + value + "', but this service uses the authorization code flow: "
                        + "remove response_type (response_type=code is sent)";
            }
            if ("client_id".equals(key) && !value.equals(r.clientId())) {
                return "names client_id '" + value + "', but the application (client) id is '" + r.clientId()
                        + "': remove client_id from the URL (the credential's own is sent)";
            }
            if ("redirect_uri".equals(key)) {
                String ours = r.redirectUri() != null
                        ? r.redirectUri()
                        : config.publicUrl().map(CredentialService::callback).orElse(null);
                if (!value.equals(ours)) {
                    return "sends the browser back to " + value + (ours == null ? "" : " instead of " + ours)
                            + ": Microsoft would hand the sign-in code to that address. Remove redirect_uri from the "
                            + "URL (the service sends its own; set a different one as Redirect URI)";
                }
            }
            if ("prompt".equals(key) && !AuthorizationUrl.PROMPTS.contains(value)) {
                return "asks for prompt '" + value + "': Entra ID knows " + String.join(", ",
                        AuthorizationUrl.PROMPTS.stream().sorted().toList());
            }
        }
        return null;
    }

    /** The URL when it is https on an allowed host without extras; else records why not and returns null. */
    private URI allowedHttps(String field, String value, FieldErrors errors) {
        URI uri = parse(field, value, errors);
        if (uri == null) {
            return null;
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            errors.add(field, "must be an https URL without user info, query or fragment");
            return null;
        }
        if (!hostAllowed(uri)) {
            errors.add(field, "host '" + uri.getHost() + "' is not an allowed authority host");
            return null;
        }
        return uri;
    }

    /** Whether the URL's host (or host:port) is in {@code credential.allowed-authority-hosts}. */
    public boolean hostAllowed(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String hostPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
        return config.allowedAuthorityHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.equals(host) || h.equals(hostPort));
    }

    private static URI parse(String field, String value, FieldErrors errors) {
        if (value.contains("{") && value.contains("}")) {
            errors.add(field, "still contains a placeholder such as {tenant-id}: replace it with your directory "
                    + "(tenant) id or domain");
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                errors.add(field, "must be an absolute URL");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URL");
            return null;
        }
    }

    private static boolean isCertificate(String pem) {
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isPrivateKey(String pem) {
        try {
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            KeyFactory.getInstance(pem.contains("BEGIN PRIVATE KEY") ? "RSA" : "none")
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static InvalidCredentialException invalid(String field, String message) {
        return new InvalidCredentialException(FieldErrors.of(field, message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
