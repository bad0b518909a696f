package io.exchangebridge.credential.token;

import java.time.Instant;
import java.util.List;

/** An access token handed out to a client. */
public record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String resource,
        List<String> scopes) {
}
