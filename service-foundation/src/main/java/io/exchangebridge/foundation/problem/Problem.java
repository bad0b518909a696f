package io.exchangebridge.foundation.problem;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.exchangebridge.foundation.tracing.Traceparent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail; registered for reflection because the native image serializes it outside Quarkus REST
 * too. {@code traceId} (an extension member) is the trace of the request that failed, so that a support ticket can
 * quote it; absent when no span is current.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance, String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of the current request, with its trace id. */
    public Problem(URI type, String title, int status, String detail, URI instance) {
        this(type, title, status, detail, instance, Traceparent.currentTraceId());
    }

    public static URI aboutBlank() {
        return URI.create("about:blank");
    }
}
