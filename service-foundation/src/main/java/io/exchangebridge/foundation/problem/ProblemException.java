package io.exchangebridge.foundation.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error whose message is safe to show to the client; the mapper turns it into a problem answer. Never put a secret
 * or a library's exception text in the message.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final URI type;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Problem.aboutBlank());
    }

    public ProblemException(int status, String title, String detail, URI type) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.type = type;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** Adds an RFC 9457 extension member to the answer (safe values only). */
    public ProblemException with(String member, Object value) {
        if (value != null) {
            extensions.put(member, value);
        }
        return this;
    }

    /** Adds a response header, such as {@code Retry-After}. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI type() {
        return type;
    }
}
