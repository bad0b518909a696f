package io.exchangebridge.simulator.http;

import java.io.IOException;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Dispatches a request to the handler mounted on the longest matching path prefix, else to the fallback (Entra ID,
 * whose paths start with a tenant). One router serves both the HTTP and the HTTPS server, so mounting once serves both,
 * also after start.
 */
public final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, HttpHandler> mounts = new ConcurrentHashMap<>();
    private volatile HttpHandler fallback = exchange -> HttpExchanges.sendJson(exchange, 404,
            Map.of("error", "not_found", "path", exchange.getRequestURI().getPath()));

    /** Mounts {@code handler} on {@code pathPrefix} (e.g. {@code /v1.0}); it sees the full request path. */
    public void mount(String pathPrefix, HttpHandler handler) {
        String prefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("Path prefix must start with '/': " + pathPrefix);
        }
        mounts.put(prefix, handler);
    }

    public void unmount(String pathPrefix) {
        mounts.remove(pathPrefix);
    }

    public void fallback(HttpHandler handler) {
        this.fallback = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        HttpHandler handler = mounts.entrySet().stream()
                .filter(e -> path.equals(e.getKey()) || path.startsWith(e.getKey() + "/"))
                .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(fallback);
        try {
            handler.handle(exchange);
        } catch (RuntimeException | IOException e) {
            // A bug in a handler must not leave the client hanging; the JDK server would just close the socket.
            LOG.warn("Handler for {} {} failed", exchange.getRequestMethod(), path, e);
            try {
                HttpExchanges.sendJson(exchange, 500, Map.of("error", "simulator_error", "message",
                        String.valueOf(e.getMessage())));
            } catch (IOException | RuntimeException ignored) {
                // headers were already sent; closing is all that is left
            } finally {
                exchange.close();
            }
        }
    }
}
