package io.exchangebridge.importer.graph;

import java.time.Duration;
import java.util.Optional;

/** Graph answered an error (after retries where they apply). The message is Graph's, which never holds a token. */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public GraphException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** An error with Graph's Retry-After (429/503/504 after the retries the session was allowed). */
    public GraphException(int status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code == null ? "" : code;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** Graph's error code, such as {@code ErrorAccessDenied}; empty when there was none. */
    public String code() {
        return code;
    }

    /** The Retry-After Graph sent with its last answer, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Graph is throttling or temporarily unavailable (429, 503, 504, or unreachable). */
    public boolean temporary() {
        return status == 429 || status == 503 || status == 504 || status == 0;
    }

    /** The item (message, event) is gone: deleted or moved away meanwhile. */
    public boolean itemNotFound() {
        return status == 404 && "ErrorItemNotFound".equals(code);
    }

    /** A delta token Graph no longer knows ({@code syncStateNotFound}, 410): start a full sync again. */
    public boolean staleDeltaToken() {
        return status == 410 || "SyncStateNotFound".equalsIgnoreCase(code);
    }

    /** The item exists already (such as a folder created meanwhile by another run). */
    public boolean conflict() {
        return status == 409;
    }
}
