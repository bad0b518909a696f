package io.exchangebridge.credential.credential;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An authorization URL as the administrator wrote it, possibly with a query such as the Ultimo guide's
 * {@code ?prompt=select_account}, and the authorize request this service sends to it: the URL's parameters merged with
 * the service's own so that none is sent twice. {@code prompt}, {@code login_hint} and {@code domain_hint} of the URL
 * win over the service's defaults; the parameters of the flow itself ({@link #OURS}) are always the service's own.
 */
public final class AuthorizationUrl {

    /** Parameters the service sets on every authorize request; a copy in the URL is dropped. */
    public static final Set<String> OURS = Set.of("client_id", "redirect_uri", "state", "code_challenge",
            "code_challenge_method", "response_type", "scope", "response_mode");
    /** Parameters of the URL that replace the service's default. */
    public static final Set<String> URL_WINS = Set.of("prompt", "login_hint", "domain_hint");
    /** Parameters that would carry a secret or a token in a URL shown to every administrator. */
    static final Set<String> SECRETS = Set.of("client_secret", "client_assertion", "client_assertion_type", "code",
            "code_verifier", "access_token", "refresh_token", "id_token_hint", "password");
    static final Set<String> PROMPTS = Set.of("login", "none", "consent", "select_account", "create");

    private static final Pattern V2_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/(authorize|token)/?");

    private final String base;
    private final Map<String, String> params;

    private AuthorizationUrl(String base, Map<String, String> params) {
        this.base = base;
        this.params = params;
    }

    /**
     * Splits a URL into the part before the query and its decoded parameters.
     *
     * @throws IllegalArgumentException
     *             when a parameter appears more than once (named in the message)
     */
    public static AuthorizationUrl parse(String url) {
        int q = url.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (params.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException(key);
                }
            }
        }
        return new AuthorizationUrl(q < 0 ? url : url.substring(0, q), params);
    }

    /** The URL's own query parameters (names in lower case). */
    public Map<String, String> params() {
        return Map.copyOf(params);
    }

    /**
     * The authorize request: the service's parameters, then the URL's others, each exactly once. The URL's
     * {@link #URL_WINS} replace the service's value; its copies of {@link #OURS} are dropped.
     */
    public String with(Map<String, String> ours) {
        Map<String, String> merged = new LinkedHashMap<>(ours);
        params.forEach((key, value) -> {
            if (URL_WINS.contains(key) || !OURS.contains(key)) {
                merged.put(key, value);
            }
        });
        return base + "?" + merged.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The tenant of an Entra ID v2 endpoint URL {@code https://host/{tenant}/oauth2/v2.0/authorize|token}. */
    public static Optional<String> tenant(URI uri, String endpoint) {
        Matcher m = V2_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!m.matches() || !m.group(2).equals(endpoint)) {
            return Optional.empty();
        }
        return Optional.of(decode(m.group(1)));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
