package io.exchangebridge.foundation.problem;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, URI instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static URI aboutBlank() {
        return URI.create("about:blank");
    }
}
