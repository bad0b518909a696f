package io.exchangebridge.importer.token;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.config.ImporterConfig;
import io.quarkus.logging.Log;

/**
 * Client of the credential-service's token endpoint ({@code POST /api/credentials/{id}/token}, resource {@code graph}).
 * Tokens are cached per credential until {@code refresh-margin} before they expire; a caller that got a 401 from Graph
 * calls {@link #replace}, which names the refused token to the credential-service by its SHA-256 (never the token
 * itself): the broker caches tokens too and would otherwise answer the same one until it expires.
 */
@ApplicationScoped
public class TokenClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String resource) {
    }

    private final ImporterConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, AccessToken> cache = new ConcurrentHashMap<>();

    public TokenClient(ImporterConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.credentialClient().timeout()).build();
    }

    /** A valid Graph token for the credential, from the cache or the credential-service. */
    public AccessToken token(String credentialId) {
        AccessToken cached = cache.get(credentialId);
        Instant freshUntil = clock.instant().plus(config.credentialClient().refreshMargin());
        if (cached != null && cached.expiresAt().isAfter(freshUntil)) {
            return cached;
        }
        synchronized (this) {
            cached = cache.get(credentialId);
            if (cached != null && cached.expiresAt().isAfter(freshUntil)) {
                return cached;
            }
            AccessToken fresh = fetch(credentialId);
            cache.put(credentialId, fresh);
            return fresh;
        }
    }

    /**
     * A token in place of {@code rejected}, which Graph refused: the cached one if another caller already replaced it,
     * else a new one from the credential-service, asked for with the refused token's fingerprint.
     */
    public AccessToken replace(String credentialId, AccessToken rejected) {
        synchronized (this) {
            AccessToken cached = cache.get(credentialId);
            if (cached != null && !cached.equals(rejected)
                    && cached.expiresAt().isAfter(clock.instant().plus(config.credentialClient().refreshMargin()))) {
                return cached;
            }
            AccessToken fresh = fetch(credentialId, rejected.sha256());
            cache.put(credentialId, fresh);
            return fresh;
        }
    }

    /** Asks the credential-service for a fresh token (not cached). */
    public AccessToken fetch(String credentialId) {
        return fetch(credentialId, null);
    }

    private AccessToken fetch(String credentialId, String rejectedSha256) {
        String body = rejectedSha256 == null
                ? "{\"resource\":\"graph\"}"
                : "{\"resource\":\"graph\",\"rejectedTokenSha256\":\"" + rejectedSha256 + "\"}";
        URI uri = URI.create(stripSlash(config.credentialServiceUrl().toString()) + "/api/credentials/"
                + URLEncoder.encode(credentialId, StandardCharsets.UTF_8).replace("+", "%20") + "/token");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.credentialClient().timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        config.credentialClient().password().ifPresent(password -> request.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((config.credentialClient().username() + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            Log.warnf("credential-service unreachable: %s", e.getClass().getSimpleName());
            throw new CredentialProblem(CredentialProblem.Kind.UNAVAILABLE, "The credential-service is unreachable.",
                    null, null, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialProblem(CredentialProblem.Kind.UNAVAILABLE, "Interrupted.", null, null, null, null);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                TokenResponse token = json.readValue(response.body(), TokenResponse.class);
                return new AccessToken(token.accessToken(), token.expiresAt());
            } catch (IOException e) {
                throw new CredentialProblem(CredentialProblem.Kind.UNAVAILABLE,
                        "The credential-service answered an unreadable token.", null, null, null, null);
            }
        }
        JsonNode problem = readProblem(response.body());
        String detail = text(problem, "detail");
        throw switch (status) {
            case 404 -> new CredentialProblem(CredentialProblem.Kind.UNKNOWN,
                    "The credential-service knows no credential '" + credentialId + "'.", null, null, null, null);
            case 401, 403 -> new CredentialProblem(CredentialProblem.Kind.FORBIDDEN,
                    "The credential-service refused this service access to credential '" + credentialId
                            + "' (HTTP " + status + "); check importer.credential-client.* and the broker's clients.",
                    null, null, null, null);
            case 409 -> {
                String explanation = text(problem, "explanation");
                yield new CredentialProblem(CredentialProblem.Kind.NOT_READY,
                        "Credential '" + credentialId + "' is not ready ("
                                + (text(problem, "status") == null ? "unknown status" : text(problem, "status"))
                                + ")" + (explanation != null
                                        ? ": " + explanation
                                        : detail != null ? ": " + detail : "."),
                        text(problem, "status"), text(problem, "code"), text(problem, "consentUrl"), null);
            }
            default -> new CredentialProblem(CredentialProblem.Kind.UNAVAILABLE,
                    "The credential-service is unavailable (HTTP " + status + ").", null, null, null,
                    response.headers().firstValue("Retry-After").map(TokenClient::seconds).orElse(null));
        };
    }

    private JsonNode readProblem(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
