package io.exchangebridge.simulator.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One Graph call, from the network or from inside a {@code $batch}.
 *
 * @param method
 *            HTTP method, upper case
 * @param rawPath
 *            the path below {@code /v1.0}, still percent-encoded, e.g. {@code /users/a%40b.com/messages}
 * @param segments
 *            the decoded path segments
 * @param query
 *            decoded query parameters in order (names such as {@code $top})
 * @param headers
 *            request headers, case-insensitive names
 * @param body
 *            the request body, possibly empty
 * @param baseUrl
 *            the absolute URL of {@code /v1.0} on the host the client called, for {@code @odata.nextLink}
 * @param requestId
 *            Graph's {@code request-id} for this call
 */
record GraphRequest(String method, String rawPath, List<String> segments, Map<String, String> query,
        Map<String, String> headers, byte[] body, String baseUrl, String requestId) {

    static GraphRequest of(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body,
            String baseUrl) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                query.put(name, eq < 0 ? "" : decodeQuery(pair.substring(eq + 1)));
            }
        }
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        return new GraphRequest(method.toUpperCase(Locale.ROOT), rawPath, List.copyOf(segments),
                Collections.unmodifiableMap(query), Collections.unmodifiableMap(caseInsensitive), body, baseUrl,
                UUID.randomUUID().toString());
    }

    /** Path segments decode '+' as itself, unlike form-encoded query strings. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decodeQuery(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The client's {@code client-request-id}, echoed like Graph does; Graph uses its request-id when absent. */
    String clientRequestId() {
        return header("client-request-id").filter(s -> !s.isBlank()).orElse(requestId);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** A {@code Prefer} preference value, e.g. {@code odata.maxpagesize} or {@code IdType}. */
    Optional<String> preference(String name) {
        Optional<String> prefer = header("Prefer");
        if (prefer.isEmpty()) {
            return Optional.empty();
        }
        for (String part : prefer.get().split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].trim().equalsIgnoreCase(name)) {
                return Optional.of(kv.length > 1 ? kv[1].trim().replace("\"", "") : "");
            }
        }
        return Optional.empty();
    }

    /** {@code Prefer: outlook.body-content-type="text"}: html bodies are converted to text. */
    boolean textBodies() {
        return preference("outlook.body-content-type").filter(v -> v.equalsIgnoreCase("text")).isPresent();
    }

    /** The message preferences this simulator honours, for {@code Preference-Applied}. */
    List<String> appliedMessagePreferences() {
        List<String> applied = new ArrayList<>();
        if (immutableIds()) {
            applied.add("IdType=\"ImmutableId\"");
        }
        if (textBodies()) {
            applied.add("outlook.body-content-type=\"text\"");
        }
        return applied;
    }

    boolean immutableIds() {
        return preference("IdType").filter(v -> v.equals("ImmutableId")).isPresent();
    }
}
