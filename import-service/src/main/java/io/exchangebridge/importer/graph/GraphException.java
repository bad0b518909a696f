package io.exchangebridge.importer.graph;

/** Graph answered an error (after retries where they apply). The message is Graph's, which never holds a token. */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;

    public GraphException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code == null ? "" : code;
    }

    public int status() {
        return status;
    }

    /** Graph's error code, such as {@code ErrorAccessDenied}; empty when there was none. */
    public String code() {
        return code;
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
