package io.exchangebridge.simulator.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Method + path-template routing for JSON APIs, e.g. {@code on("GET", "/_sim/tenants/{tenant}", ...)}. Template
 * variables match one path segment and are URL-decoded. Unknown paths answer 404, known paths with another method 405,
 * an {@link IllegalArgumentException} from a route 400; all as {@code {"error": "..."}}.
 */
public final class PathRoutes implements HttpHandler {

    /** A route's handler, given the decoded template variables. */
    @FunctionalInterface
    public interface Route {
        void handle(HttpExchange exchange, Map<String, String> variables) throws IOException;
    }

    private record Entry(String method, Pattern pattern, List<String> names, Route route) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^/}]+)}");

    private final List<Entry> entries = new ArrayList<>();

    public PathRoutes on(String method, String template, Route route) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        entries.add(new Entry(method, Pattern.compile(regex + "/?"), names, route));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        boolean pathKnown = false;
        for (Entry entry : entries) {
            Matcher m = entry.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!entry.method().equalsIgnoreCase(exchange.getRequestMethod())) {
                continue;
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < entry.names().size(); i++) {
                variables.put(entry.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
            try {
                entry.route().handle(exchange, variables);
            } catch (NotFoundException e) {
                HttpExchanges.sendJson(exchange, 404, Map.of("error", String.valueOf(e.getMessage())));
            } catch (IllegalArgumentException | DateTimeParseException | JsonProcessingException e) {
                HttpExchanges.sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
            }
            return;
        }
        HttpExchanges.sendJson(exchange, pathKnown ? 405 : 404,
                Map.of("error", (pathKnown ? "Method not allowed: " : "No such path: ") + path));
    }

    /** Thrown by a route for an unknown tenant, user, app...: answered 404. */
    public static final class NotFoundException extends RuntimeException {

        public NotFoundException(String message) {
            super(message);
        }
    }
}
