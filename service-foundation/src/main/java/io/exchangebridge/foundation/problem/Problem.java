package io.exchangebridge.foundation.problem;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail; registered for reflection because the native image serializes it outside Quarkus REST
 * too.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static URI aboutBlank() {
        return URI.create("about:blank");
    }
}
