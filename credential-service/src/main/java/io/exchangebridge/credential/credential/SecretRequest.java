package io.exchangebridge.credential.credential;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Replace secret: a new client secret for a credential, everything else kept. */
@Schema(name = "SecretRequest")
public record SecretRequest(
        @Schema(description = "The new client secret's value (write-only)", required = true, writeOnly = true) String clientSecret,
        @Schema(description = "When the new secret expires, to be warned in time; absent: not recorded") Instant secretExpiresAt) {
}
