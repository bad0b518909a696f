package io.exchangebridge.importer.token;

import java.time.Instant;

/** A bearer token for Graph. {@link #toString()} hides the value so it cannot end up in a log. */
public record AccessToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
