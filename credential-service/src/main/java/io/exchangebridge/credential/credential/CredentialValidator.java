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
     */
    public void validate(CredentialRequest r, boolean secretStored, boolean privateKeyStored) {
        FieldErrors errors = new FieldErrors();
        check(r, secretStored, privateKeyStored, errors);
        errors.throwIfAny();
    }

    /** Records every invalid field of the request, in the order the API reports them. */
    public void check(CredentialRequest r, boolean secretStored, boolean privateKeyStored, FieldErrors errors) {
        GrantType grant = GrantType.of(r.grantType()).orElse(null);
        if (grant == null) {
            errors.add("grantType", "must be 'client_credentials' or 'authorization_code'");
        }
        if (r.description() != null && r.description().length() > 500) {
            errors.add("description", "must be at most 500 characters");
        }
        if (blank(r.tenantId()) || !TENANT.matcher(r.tenantId()).matches()) {
            errors.add("tenantId", "is required: a directory (tenant) id or domain");
        }
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
        if (r.authorizationUrl() != null) {
            allowedHttps("authorizationUrl", r.authorizationUrl(), errors);
        }
        if (r.tokenUrl() != null) {
            allowedHttps("tokenUrl", r.tokenUrl(), errors);
        }
        String method = r.clientAuthentication() == null ? "secret" : r.clientAuthentication();
        switch (method) {
            case "secret" -> {
                if (blank(r.clientSecret()) && !secretStored) {
                    errors.add("clientSecret", "is required for clientAuthentication 'secret'");
                }
                if (r.clientSecret() != null && r.clientSecret().length() > 1000) {
                    errors.add("clientSecret", "is too long");
                }
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
        if (grant != null) {
            checkScopes(r.scopes(), grant, errors);
        }
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
    }

    private void checkScopes(Map<String, List<String>> scopes, GrantType grant, FieldErrors errors) {
        if (scopes == null || scopes.isEmpty()) {
            errors.add("scopes", "is required: scopes per resource, e.g. {\"graph\": [\"Mail.ReadWrite\"]}");
            return;
        }
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
