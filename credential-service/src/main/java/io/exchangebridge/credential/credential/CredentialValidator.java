package io.exchangebridge.credential.credential;

import java.io.ByteArrayInputStream;
import java.net.URI;
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
import io.exchangebridge.credential.problem.ProblemException;

/** Checks a {@link CredentialRequest}; every refusal is a 400 naming the field. */
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
        if (blank(id)) {
            throw invalid("id", "is required");
        }
        if (!ID.matcher(id).matches()) {
            throw invalid("id", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /**
     * @param secretStored
     *            whether a client secret is stored already (PUT may then omit it)
     * @param privateKeyStored
     *            whether a private key is stored already
     */
    public void validate(CredentialRequest r, boolean secretStored, boolean privateKeyStored) {
        GrantType grant = GrantType.of(r.grantType())
                .orElseThrow(() -> invalid("grantType", "must be 'client_credentials' or 'authorization_code'"));
        if (r.description() != null && r.description().length() > 500) {
            throw invalid("description", "must be at most 500 characters");
        }
        if (blank(r.tenantId()) || !TENANT.matcher(r.tenantId()).matches()) {
            throw invalid("tenantId", "is required: a directory (tenant) id or domain");
        }
        if (blank(r.clientId()) || !CLIENT_ID.matcher(r.clientId()).matches()) {
            throw invalid("clientId", "is required: the application (client) id");
        }
        if (r.authorityHost() != null) {
            URI uri = allowedHttps("authorityHost", r.authorityHost());
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
                throw invalid("authorityHost",
                        "must be a host URL without a path, e.g. https://login.microsoftonline.us");
            }
        }
        if (r.authorizationUrl() != null) {
            allowedHttps("authorizationUrl", r.authorizationUrl());
        }
        if (r.tokenUrl() != null) {
            allowedHttps("tokenUrl", r.tokenUrl());
        }
        String method = r.clientAuthentication() == null ? "secret" : r.clientAuthentication();
        switch (method) {
            case "secret" -> {
                if (blank(r.clientSecret()) && !secretStored) {
                    throw invalid("clientSecret", "is required for clientAuthentication 'secret'");
                }
                if (r.clientSecret() != null && r.clientSecret().length() > 1000) {
                    throw invalid("clientSecret", "is too long");
                }
            }
            case "certificate" -> {
                if (blank(r.certificatePem())) {
                    throw invalid("certificatePem", "is required for clientAuthentication 'certificate'");
                }
                parseCertificate(r.certificatePem());
                if (blank(r.privateKeyPem()) && !privateKeyStored) {
                    throw invalid("privateKeyPem", "is required for clientAuthentication 'certificate'");
                }
                if (!blank(r.privateKeyPem())) {
                    parsePrivateKey(r.privateKeyPem());
                }
            }
            case "federated" -> {
                if (blank(r.federatedTokenFile()) || !r.federatedTokenFile().startsWith("/")) {
                    throw invalid("federatedTokenFile",
                            "is required for clientAuthentication 'federated': an absolute path");
                }
            }
            default -> throw invalid("clientAuthentication", "must be 'secret', 'certificate' or 'federated'");
        }
        validateScopes(r.scopes(), grant);
        if (r.redirectUri() != null) {
            URI uri = parse("redirectUri", r.redirectUri());
            boolean localhost = "http".equals(uri.getScheme()) && "localhost".equalsIgnoreCase(uri.getHost());
            if (!("https".equals(uri.getScheme()) || localhost) || uri.getHost() == null || uri.getFragment() != null) {
                throw invalid("redirectUri", "must be an https URL (or http://localhost) without fragment");
            }
        }
    }

    private void validateScopes(Map<String, List<String>> scopes, GrantType grant) {
        if (scopes == null || scopes.isEmpty()) {
            throw invalid("scopes", "is required: scopes per resource, e.g. {\"graph\": [\"Mail.ReadWrite\"]}");
        }
        boolean delegated = grant == GrantType.AUTHORIZATION_CODE;
        for (var entry : scopes.entrySet()) {
            String field = "scopes." + entry.getKey();
            if (Resources.uri(entry.getKey(), delegated).isEmpty()) {
                throw invalid(field, "is not a resource: use 'graph', 'outlook' or an https resource URI");
            }
            List<String> list = entry.getValue() == null ? List.of() : entry.getValue();
            for (String s : list) {
                if (s == null || !SCOPE.matcher(s).matches()) {
                    throw invalid(field, "contains an invalid scope");
                }
            }
            if (delegated && list.isEmpty()) {
                throw invalid(field, "must list the delegated scopes, e.g. [\"Mail.ReadWrite\"]");
            }
            if (!delegated && !(list.isEmpty() || list.equals(List.of(".default")))) {
                throw invalid(field, "must be empty for client_credentials: {resource}/.default is requested");
            }
        }
    }

    private URI allowedHttps(String field, String value) {
        URI uri = parse(field, value);
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(field, "must be an https URL without user info, query or fragment");
        }
        if (!hostAllowed(uri)) {
            throw invalid(field, "host '" + uri.getHost() + "' is not an allowed authority host");
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

    private static URI parse(String field, String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw invalid(field, "must be an absolute URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw invalid(field, "is not a valid URL");
        }
    }

    static void parseCertificate(String pem) {
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw invalid("certificatePem", "is not a PEM X.509 certificate");
        }
    }

    static void parsePrivateKey(String pem) {
        try {
            String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            KeyFactory.getInstance(pem.contains("BEGIN PRIVATE KEY") ? "RSA" : "none")
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw invalid("privateKeyPem", "is not a PEM PKCS#8 RSA private key (-----BEGIN PRIVATE KEY-----)");
        }
    }

    static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("Field '" + field + "' " + message + ".");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
