package io.exchangebridge.smtp.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.smtp.config.RelayConfig;
import io.quarkus.logging.Log;

/**
 * Client of the credential-service: {@code POST /api/credentials/{id}/token} with HTTP Basic. Tokens are cached per
 * credential and resource until shortly before they expire; {@link #replace} gets another in place of one Exchange
 * refused, naming the refused one to the credential-service by its SHA-256 (never the token itself): the broker caches
 * tokens too and would otherwise answer the same one until it expires.
 */
@ApplicationScoped
public class TokenClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String resource) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProblemResponse(String title, String detail, String status, String code, String explanation) {
    }

    private final RelayConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();

    public TokenClient(RelayConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A token for {@code resource} ({@code outlook} or {@code graph}) of the credential. */
    public AccessToken token(String credentialId, String resource) {
        String key = credentialId + "\n" + resource;
        AccessToken cached = cache.get(key);
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plus(config.tokenRefreshMargin()))) {
            return cached;
        }
        AccessToken fresh = fetch(credentialId, resource);
        cache.put(key, fresh);
        return fresh;
    }

    /**
     * A token in place of {@code rejected}, which Exchange or Graph refused: the cached one if another delivery already
     * replaced it, else a new one from the credential-service, asked for with the refused token's fingerprint.
     */
    public AccessToken replace(String credentialId, String resource, AccessToken rejected) {
        String key = credentialId + "\n" + resource;
        AccessToken cached = cache.get(key);
        if (cached != null && !cached.equals(rejected)
                && cached.expiresAt().isAfter(Instant.now().plus(config.tokenRefreshMargin()))) {
            return cached;
        }
        AccessToken fresh = fetch(credentialId, resource, rejected.sha256());
        cache.put(key, fresh);
        return fresh;
    }

    private AccessToken fetch(String credentialId, String resource) {
        return fetch(credentialId, resource, null);
    }

    private AccessToken fetch(String credentialId, String resource, String rejectedSha256) {
        String body = "{\"resource\":\"" + resource + "\""
                + (rejectedSha256 == null ? "" : ",\"rejectedTokenSha256\":\"" + rejectedSha256 + "\"") + "}";
        String base = config.credentialServiceUrl().toString().replaceAll("/+$", "");
        String user = config.credentialServiceUsername() + ":" + config.credentialServicePassword().orElse("");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/credentials/"
                + java.net.URLEncoder.encode(credentialId, StandardCharsets.UTF_8).replace("+", "%20") + "/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            Log.warnf("credential-service unreachable: %s", e.getClass().getSimpleName());
            throw new TokenException(true, "The credential-service is unreachable.", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException(true, "Interrupted while asking the credential-service.", null);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                TokenResponse t = json.readValue(response.body(), TokenResponse.class);
                return new AccessToken(t.accessToken(), t.expiresAt());
            } catch (IOException e) {
                throw new TokenException(true, "The credential-service answered a token response that cannot be read.",
                        null);
            }
        }
        throw switch (status) {
            case 404 -> new TokenException(false, "Credential '" + credentialId
                    + "' does not exist in the credential-service: fix the sender route or create the credential.",
                    null);
            case 401, 403 -> new TokenException(false, "The credential-service refused this relay ("
                    + status + "): give user '" + config.credentialServiceUsername()
                    + "' the role token-client and access to credential '" + credentialId + "'.", null);
            case 409 -> new TokenException(false, "Credential '" + credentialId + "' is not ready: "
                    + problemText(response.body()), null);
            case 503, 502, 504, 429 -> new TokenException(true,
                    "The credential-service cannot get a token right now (" + status + ").",
                    retryAfter(response));
            default -> new TokenException(true, "The credential-service answered " + status + ".", null);
        };
    }

    private String problemText(byte[] body) {
        try {
            ProblemResponse p = json.readValue(body, ProblemResponse.class);
            String text = p.explanation() != null ? p.explanation() : p.detail();
            return (p.status() != null ? p.status() + ": " : "") + (text == null ? "no explanation given." : text);
        } catch (IOException e) {
            return "no explanation given.";
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
