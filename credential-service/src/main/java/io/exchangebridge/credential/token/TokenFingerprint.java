package io.exchangebridge.credential.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 of an access token a client reports as rejected. Clients name the token by its hash so that the token
 * itself never travels back; the hash alone is useless for calling Graph or Exchange.
 */
final class TokenFingerprint {

    private final byte[] sha256;

    private TokenFingerprint(byte[] sha256) {
        this.sha256 = sha256;
    }

    /**
     * Reads {@code rejectedTokenSha256}: 64 hex digits or 43 base64url characters (padding allowed).
     *
     * @return empty when the field is absent
     */
    static Optional<TokenFingerprint> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        byte[] bytes = null;
        try {
            if (v.length() == 64) {
                bytes = HexFormat.of().parseHex(v);
            } else {
                bytes = Base64.getUrlDecoder().decode(v);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (bytes == null || bytes.length != 32) {
            throw new TokenFailure.InvalidRequest(
                    "Field 'rejectedTokenSha256' must be the SHA-256 of the access token: 64 hex digits or base64url.");
        }
        return Optional.of(new TokenFingerprint(bytes));
    }

    /** Whether {@code accessToken} is the token this fingerprint names. */
    boolean matches(String accessToken) {
        return accessToken != null && MessageDigest.isEqual(sha256, hash(accessToken));
    }

    static byte[] hash(String accessToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    @Override
    public String toString() {
        // Not secret, but there is no use for it in logs.
        return "TokenFingerprint[hidden]";
    }
}
