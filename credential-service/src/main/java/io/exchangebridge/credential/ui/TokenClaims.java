package io.exchangebridge.credential.ui;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The non-secret claims of an access token that tell an administrator whether it is the right one: audience, delegated
 * scopes or application roles, the user and the expiry. The token itself is never kept or shown.
 */
public record TokenClaims(String resource, String audience, String scopes, String roles, String user, Instant expires,
        String error) {

    static TokenClaims failed(String resource, String error) {
        return new TokenClaims(resource, null, null, null, null, null, error);
    }

    /** Reads the payload of a JWT (not verified: it came straight from the token endpoint over TLS). */
    static TokenClaims of(String resource, String jwt, Instant expiresAt, ObjectMapper json) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return new TokenClaims(resource, null, null, null, null, expiresAt,
                    "The token is not a JWT (opaque); it cannot be inspected.");
        }
        try {
            JsonNode c = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String roles = null;
            if (c.has("roles") && c.get("roles").isArray()) {
                roles = String.join(" ", json.convertValue(c.get("roles"), String[].class));
            }
            Instant exp = c.has("exp") ? Instant.ofEpochSecond(c.get("exp").asLong()) : expiresAt;
            return new TokenClaims(resource, text(c, "aud"), text(c, "scp"), roles,
                    first(c, List.of("upn", "preferred_username", "unique_name")), exp, null);
        } catch (Exception e) {
            return new TokenClaims(resource, null, null, null, null, expiresAt,
                    "The token's claims could not be read.");
        }
    }

    private static String text(JsonNode c, String name) {
        return c.hasNonNull(name) ? c.get(name).asText() : null;
    }

    private static String first(JsonNode c, List<String> names) {
        return names.stream().map(n -> text(c, n)).filter(v -> v != null).findFirst().orElse(null);
    }
}
