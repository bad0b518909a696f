package io.exchangebridge.credential.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which resource the token is for. */
public record TokenRequest(
        @Schema(description = "'graph', 'outlook' or a resource URI configured in the credential's scopes", required = true) String resource) {
}
