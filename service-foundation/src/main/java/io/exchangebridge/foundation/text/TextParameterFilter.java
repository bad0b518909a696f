package io.exchangebridge.foundation.text;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
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
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Applies {@link TextRule} to the path and query parameters of every request that matched a resource method, before any
 * of them is converted or reaches a query: a 400 naming the parameter instead of a 500 from PostgreSQL. Values are
 * decoded here, strictly: percent-encoded bytes that are not valid UTF-8 (such as {@code %ED%A0%80}, an encoded lone
 * surrogate) are refused too, where a lenient decoder would quietly store U+FFFD. A query parameter annotated
 * {@link MultiLineText} may hold TAB, CR and LF. <p> Form fields ({@code application/x-www-form-urlencoded} and the
 * text parts of {@code multipart/form-data}, as the admin UI posts them) are checked once the body is read; an HTML
 * form cannot mark a field multi-line and a textarea sends CR LF, so TAB, CR and LF pass there and the service's own
 * validation judges where they belong. File parts are bytes and are not checked.
 */
public class TextParameterFilter {

    private final Map<Method, Set<String>> multiLineQueryParameters = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnstorableParameters(UriInfo uri, ResourceInfo resource) {
        check(UnstorableText.Source.PATH_PARAMETER, uri.getPathParameters(false), false, Set.of());
        MultivaluedMap<String, String> query = uri.getQueryParameters(false);
        if (!query.isEmpty()) {
            Method method = resource == null ? null : resource.getResourceMethod();
            Set<String> multiLine = method == null
                    ? Set.of()
                    : multiLineQueryParameters.computeIfAbsent(method, TextParameterFilter::multiLineQueryParameters);
            check(UnstorableText.Source.QUERY_PARAMETER, query, true, multiLine);
        }
    }

    @ServerRequestFilter(readBody = true)
    public void refuseUnstorableFormFields(ContainerRequestContext request) {
        if (request instanceof ResteasyReactiveContainerRequestContext reactive
                && reactive.getServerRequestContext() instanceof ResteasyReactiveRequestContext context
                && context.getFormData() != null) {
            FormData form = context.getFormData();
            for (String name : form) {
                for (FormValue value : form.get(name)) {
                    if (!value.isFileItem()) {
                        TextRule.check(UnstorableText.Source.FORM_FIELD, name, value.getValue(), true);
                    }
                }
            }
        }
    }

    private static void check(UnstorableText.Source source, MultivaluedMap<String, String> encoded,
            boolean plusIsSpace, Set<String> multiLine) {
        for (Map.Entry<String, List<String>> entry : encoded.entrySet()) {
            String name = decodeLeniently(entry.getKey(), plusIsSpace);
            for (String value : entry.getValue()) {
                TextRule.check(source, name, decode(source, name, value, plusIsSpace), multiLine.contains(name));
            }
        }
    }

    /** Percent-decodes {@code value}; bytes that are not UTF-8 are refused as {@link UnstorableText}. */
    static String decode(UnstorableText.Source source, String name, String value, boolean plusIsSpace) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(percentDecode(value, plusIsSpace))).toString();
        } catch (CharacterCodingException e) {
            throw new UnstorableText(source, name, "bytes that are not UTF-8");
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
