package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.io.InputStream;

import com.sun.net.httpserver.HttpExchange;

/** What the Graph and admin handlers both need from a JDK exchange. */
final class Exchanges {

    private Exchanges() {
    }

    /** The whole request body; read before answering so the connection can be reused. */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    /** The raw path below the handler's mount point, whether mounted as its own context or behind a dispatcher. */
    static String pathBelow(HttpExchange exchange, String prefix) {
        String rawPath = exchange.getRequestURI().getRawPath();
        return rawPath.startsWith(prefix) ? rawPath.substring(prefix.length()) : rawPath;
    }
}
