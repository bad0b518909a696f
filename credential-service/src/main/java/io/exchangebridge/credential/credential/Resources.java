package io.exchangebridge.credential.credential;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resources a token can be minted for, and the scopes to ask for. One access token is valid for one resource only:
 * Graph and Outlook scopes are never mixed in one token request (AADSTS70011).
 */
public final class Resources {

    public static final String GRAPH = "graph";
    public static final String OUTLOOK = "outlook";

    /** OpenID Connect scopes: not a resource's, the service asks for them itself in delegated sign-ins. */
    static final Set<String> OIDC_SCOPES = Set.of("offline_access", "openid", "profile", "email");

    private Resources() {
    }

    /** The resource URI of a key: an alias or an absolute https URI. Outlook differs between delegated and app. */
    public static Optional<String> uri(String key, boolean delegated) {
        if (GRAPH.equals(key)) {
            return Optional.of("https://graph.microsoft.com");
        }
        if (OUTLOOK.equals(key)) {
            return Optional.of(delegated ? "https://outlook.office.com" : "https://outlook.office365.com");
        }
        try {
            URI uri = URI.create(key);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return Optional.of(key.endsWith("/") ? key.substring(0, key.length() - 1) : key);
            }
        } catch (IllegalArgumentException e) {
            // not a URI
        }
        return Optional.empty();
    }

    /** The key of the credential's scope map that a requested resource (alias or URI) refers to. */
    public static Optional<String> match(Map<String, List<String>> scopes, String requested, boolean delegated) {
        if (scopes.containsKey(requested)) {
            return Optional.of(requested);
        }
        Optional<String> wanted = uri(requested, delegated);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return scopes.keySet().stream().filter(k -> uri(k, delegated).equals(wanted)).findFirst();
    }

    /** The {@code scope} parameter of a token request for one resource. */
    public static String tokenScope(String key, List<String> scopes, boolean delegated) {
        String uri = uri(key, delegated).orElseThrow();
        if (!delegated) {
            return uri + "/.default";
        }
        Set<String> result = new LinkedHashSet<>(qualified(uri, scopes));
        result.add("offline_access");
        return String.join(" ", result);
    }

    /** The {@code scope} parameter of the authorize request: every resource's scopes, to consent to all at once. */
    public static String consentScope(Map<String, List<String>> scopes) {
        Set<String> result = new LinkedHashSet<>();
        scopes.forEach((key, list) -> result.addAll(qualified(uri(key, true).orElseThrow(), list)));
        result.add("offline_access");
        result.add("openid");
        result.add("profile");
        return String.join(" ", result);
    }

    private static List<String> qualified(String uri, List<String> scopes) {
        List<String> result = new ArrayList<>();
        for (String s : scopes) {
            result.add(s.contains("://") || OIDC_SCOPES.contains(s) ? s : uri + "/" + s);
        }
        return result;
    }
}
