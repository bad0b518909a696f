package io.exchangebridge.foundation.text;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link TextRule} to the path and query parameters of every request that matched a resource method, before any
 * of them is converted or reaches a query: a 400 naming the parameter instead of a 500 from PostgreSQL. The query is
 * decoded here, strictly, and the raw path is checked for UTF-8: percent-encoded bytes that are not valid UTF-8 (such
 * as {@code %ED%A0%80}, an encoded lone surrogate) are refused too, where a lenient decoder would quietly store U+FFFD.
 * A query parameter annotated {@link MultiLineText} may hold TAB, CR and LF. Form fields are not checked here (see the
 * module README).
 */
public class TextParameterFilter {

    private static final String NOT_UTF8 = "bytes that are not UTF-8";

    private final Map<Method, Set<String>> multiLineQueryParameters = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnstorableParameters(UriInfo uri, ResourceInfo resource) {
        // Quarkus REST hands out decoded parameters only (decoded leniently: bad UTF-8 becomes U+FFFD), so the raw
        // request URI is read here as well.
        URI request = uri.getRequestUri();
        MultivaluedMap<String, String> path = uri.getPathParameters();
        if (!path.isEmpty()) {
            checkPath(path, isUtf8(request.getRawPath()));
        }
        String query = request.getRawQuery();
        if (query != null && !query.isEmpty()) {
            Method method = resource == null ? null : resource.getResourceMethod();
            Set<String> multiLine = method == null
                    ? Set.of()
                    : multiLineQueryParameters.computeIfAbsent(method, TextParameterFilter::multiLineQueryParameters);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decodeLeniently(eq < 0 ? pair : pair.substring(0, eq), true);
                String value = decode(UnstorableText.Source.QUERY_PARAMETER, name,
                        eq < 0 ? "" : pair.substring(eq + 1), true);
                TextRule.check(UnstorableText.Source.QUERY_PARAMETER, name, value, multiLine.contains(name));
            }
        }
    }

    /**
     * Path parameters as Quarkus decoded them; when the raw path is not UTF-8, the parameter that got a U+FFFD from it
     * (or else the first) is named.
     */
    private static void checkPath(MultivaluedMap<String, String> path, boolean utf8) {
        String first = null;
        for (Map.Entry<String, List<String>> entry : path.entrySet()) {
            first = first == null ? entry.getKey() : first;
            for (String value : entry.getValue()) {
                if (!utf8 && value.indexOf('\uFFFD') >= 0) {
                    throw new UnstorableText(UnstorableText.Source.PATH_PARAMETER, entry.getKey(), NOT_UTF8);
                }
                TextRule.check(UnstorableText.Source.PATH_PARAMETER, entry.getKey(), value, false);
            }
        }
        if (!utf8) {
            throw new UnstorableText(UnstorableText.Source.PATH_PARAMETER, first, NOT_UTF8);
        }
    }

    private static boolean isUtf8(String raw) {
        try {
            decode(UnstorableText.Source.PATH_PARAMETER, "", raw, false);
            return true;
        } catch (UnstorableText e) {
            return false;
        }
    }

    /** Percent-decodes {@code value}; bytes that are not UTF-8 are refused as {@link UnstorableText}. */
    static String decode(UnstorableText.Source source, String name, String value, boolean plusIsSpace) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(percentDecode(value, plusIsSpace))).toString();
        } catch (CharacterCodingException e) {
            throw new UnstorableText(source, name, NOT_UTF8);
        }
    }

    private static String decodeLeniently(String value, boolean plusIsSpace) {
        return new String(percentDecode(value, plusIsSpace), StandardCharsets.UTF_8);
    }

    private static byte[] percentDecode(String value, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() && hex(value.charAt(i + 1)) >= 0 && hex(value.charAt(i + 2)) >= 0) {
                bytes.write(hex(value.charAt(i + 1)) << 4 | hex(value.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static Set<String> multiLineQueryParameters(Method method) {
        Set<String> names = new HashSet<>();
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(MultiLineText.class)) {
                QueryParam query = parameter.getAnnotation(QueryParam.class);
                RestQuery rest = parameter.getAnnotation(RestQuery.class);
                if (query != null) {
                    names.add(query.value());
                } else if (rest != null) {
                    names.add(rest.value().isEmpty() ? parameter.getName() : rest.value());
                }
            }
        }
        return Set.copyOf(names);
    }
}
