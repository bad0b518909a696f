package io.exchangebridge.simulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;

/** Small helpers to read requests and write JSON, HTML, redirects and empty answers on a JDK {@link HttpExchange}. */
public final class HttpExchanges {

    public static final String JSON = "application/json; charset=utf-8";

    private HttpExchanges() {
    }

    /** Writes {@code body} as JSON (Jackson) with the given status. */
    public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, Json.MAPPER.writeValueAsBytes(body));
    }

    public static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public static void sendText(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        send(exchange, status, contentType, body);
    }

    /** An answer without a body, e.g. 202 for sendMail or 204 for DELETE. */
    public static void sendEmpty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** 302 to {@code location}. */
    public static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        sendEmpty(exchange, 302);
    }

    /** The path below {@code prefix}, e.g. {@code /users/a/messages} for prefix {@code /v1.0}. */
    public static String pathAfter(HttpExchange exchange, String prefix) {
        String path = exchange.getRequestURI().getRawPath();
        return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** Query parameters, decoded; the first value wins for repeated names. */
    public static Map<String, String> query(HttpExchange exchange) {
        return parseForm(exchange.getRequestURI().getRawQuery());
    }

    /** An {@code application/x-www-form-urlencoded} request body. */
    public static Map<String, String> readForm(HttpExchange exchange) throws IOException {
        return parseForm(new String(readBody(exchange), StandardCharsets.UTF_8));
    }

    public static <T> T readJson(HttpExchange exchange, Class<T> type) throws IOException {
        return Json.MAPPER.readValue(readBody(exchange), type);
    }

    public static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** Parses {@code a=1&b=2} (form or query encoding); the first value wins for repeated names. */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    /** The decoded parameter names of {@code a=1&b=2&a=3} in order, repeats included ({@code [a, b, a]}). */
    public static List<String> names(String encoded) {
        List<String> names = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return names;
        }
        for (String pair : encoded.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                names.add(decode(eq < 0 ? pair : pair.substring(0, eq)));
            }
        }
        return names;
    }

    /** {@code https://host:port} or {@code http://host:port} as the client addressed this server. */
    public static String baseUrl(HttpExchange exchange) {
        String scheme = exchange instanceof HttpsExchange ? "https" : "http";
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return scheme + "://" + host;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
