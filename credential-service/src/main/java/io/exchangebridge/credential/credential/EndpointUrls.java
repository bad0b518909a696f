package io.exchangebridge.credential.credential;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.config.CredentialConfig;

/**
 * The rules for a credential's URLs: the authority host, the authorization and token URLs (https on an allowed
 * authority host, {@code credential.allowed-authority-hosts}) and the redirect URI.
 */
@ApplicationScoped
public class EndpointUrls {

    private final CredentialConfig config;

    public EndpointUrls(CredentialConfig config) {
        this.config = config;
    }

    /** Checks the authority host: an allowed https host URL without a path. */
    void checkAuthorityHost(String value, FieldErrors errors) {
        URI uri = allowedHttps("authorityHost", value, errors);
        if (uri != null && uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            errors.add("authorityHost", "must be a host URL without a path, e.g. https://login.microsoftonline.us");
        }
    }

    /** Checks the redirect URI: https (or http://localhost) without fragment. */
    static void checkRedirectUri(String value, FieldErrors errors) {
        URI uri = parse("redirectUri", value, errors);
        if (uri != null) {
            boolean localhost = "http".equals(uri.getScheme()) && "localhost".equalsIgnoreCase(uri.getHost());
            if (!("https".equals(uri.getScheme()) || localhost) || uri.getHost() == null
                    || uri.getFragment() != null) {
                errors.add("redirectUri", "must be an https URL (or http://localhost) without fragment");
            }
        }
    }

    /**
     * An authorization URL may carry a query (the Ultimo guide's {@code ?prompt=select_account}): its parameters are
     * merged into the authorize request. Refused is only what is unsafe or contradicts the credential.
     *
     * @return the URL, or null when it is refused (the reason recorded)
     */
    URI authorizationUrl(CredentialRequest r, FieldErrors errors) {
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
    URI allowedHttps(String field, String value, FieldErrors errors) {
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
    private boolean hostAllowed(URI uri) {
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
}
