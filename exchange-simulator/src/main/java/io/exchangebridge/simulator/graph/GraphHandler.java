package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;

/**
 * The Graph mail API as a JDK {@link HttpHandler}, to be mounted at {@code /v1.0}; also the attachment upload URLs at
 * {@code /api/v2.0}.
 */
final class GraphHandler implements HttpHandler {

    static final String PREFIX = "/v1.0";

    private final Function<GraphRequest, GraphResponse> api;
    private final String prefix;

    GraphHandler(GraphApi api) {
        this(api::handle, PREFIX);
    }

    GraphHandler(Function<GraphRequest, GraphResponse> api, String prefix) {
        this.api = api;
        this.prefix = prefix;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = Exchanges.body(exchange);
            String rawPath = Exchanges.pathBelow(exchange, prefix);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            GraphRequest request = GraphRequest.of(exchange.getRequestMethod(), rawPath,
                    exchange.getRequestURI().getRawQuery(), headers, body, baseUrl(exchange));
            GraphResponse response = api.apply(request);
            if (response.dropConnection()) {
                // closing before the headers are sent makes the JDK server drop the connection
                return;
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
            boolean empty = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /** {@code @odata.nextLink} must point at the host and scheme the client used. */
    private String baseUrl(HttpExchange exchange) {
        String scheme = exchange instanceof HttpsExchange ? "https" : "http";
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        return scheme + "://" + host + prefix;
    }
}
