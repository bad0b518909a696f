package io.exchangebridge.foundation.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/** An access token for one resource. {@link #toString()} hides the value so it cannot end up in a log. */
public record AccessToken(String value, Instant expiresAt) {

    /**
     * The token's SHA-256 as unpadded base64url: how the credential-service is told which token was refused without
     * sending the token back.
     */
    public String sha256() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
