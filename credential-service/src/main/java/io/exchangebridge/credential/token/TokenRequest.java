package io.exchangebridge.credential.token;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which resource the token is for, and optionally which token the resource just refused. */
public record TokenRequest(
        @Schema(description = "'graph', 'outlook' or a resource URI configured in the credential's scopes", required = true) String resource,
        @Schema(description = "SHA-256 of the access token Graph or Exchange just refused (401, 535 5.7.3), as 64 hex"
                + " digits or base64url; never the token itself. When it names the token the service would hand out,"
                + " that token is dropped and a new one is fetched from Entra ID (once, however many clients report it)."
                + " A fingerprint of any other token is ignored.") String rejectedTokenSha256) {

    public TokenRequest(String resource) {
        this(resource, null);
    }
}
