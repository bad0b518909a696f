package io.exchangebridge.foundation.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Builds problem+json answers. The foundation's mapper uses it, and so do the services' edge mappers that turn a
 * feature's typed failure into a {@link ProblemException}: every problem answer has the same shape.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The answer for {@code e}: its status, title and detail, extension members and headers. */
    public static Response of(ProblemException e, UriInfo uri) {
        Problem problem = new Problem(e.type(), e.title(), e.status(), e.getMessage(), instance(uri));
        if (e.extensions().isEmpty() && e.headers().isEmpty()) {
            return of(problem, null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.instance() != null) {
            body.put("instance", problem.instance());
        }
        if (problem.traceId() != null) {
            body.put("traceId", problem.traceId());
        }
        e.extensions().forEach(body::putIfAbsent);
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body);
        e.headers().forEach(response::header);
        return response.build();
    }

    /** The answer for {@code problem}, keeping headers such as Allow or Retry-After from {@code original}. */
    public static Response of(Problem problem, Response original) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> response.header(name, v));
                }
            });
        }
        return response.build();
    }

    /** The request's path, the problem's {@code instance}. */
    public static URI instance(UriInfo uri) {
        return uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
    }
}
