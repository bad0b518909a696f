package io.exchangebridge.smtp.token;

import java.time.Instant;

/** An access token for one resource; {@link #toString()} never shows the value. */
public record AccessToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
