package io.exchangebridge.simulator.graph;

import java.util.Map;

/** A Graph error answer: HTTP status, Graph's {@code error.code} and {@code error.message}, and extra headers. */
final class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    GraphException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    GraphException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }
}
