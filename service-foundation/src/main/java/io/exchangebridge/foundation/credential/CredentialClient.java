package io.exchangebridge.foundation.credential;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.http.RetryAfter;
import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.StartupEvent;

/**
 * The one client of the credential-service ({@code POST /api/credentials/{id}/token}), used by every service that needs
 * Microsoft tokens. Tokens are cached per credential and resource until {@code credential-client.refresh-margin} before
 * they expire; a miss fetches under a lock of that credential and resource only, so N callers make one request and
 * other credentials are not held up. {@link #replace} gets another token in place of one Microsoft refused, naming the
 * refused one by its SHA-256 (never the token): the broker caches tokens too and would otherwise answer the same one
 * until it expires. Failures are typed ({@link CredentialFailure}). <p> It signs in as {@code credential-client.auth}
 * says ({@link CredentialAuthorization}): HTTP Basic, the pod's service-account token file, or a token of the
 * quarkus-oidc-client named client {@code credential-service}. The client is made at start, so a mode without its
 * settings stops the service with a message naming them.
 */
@ApplicationScoped
public class CredentialClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String resource) {
    }

    private record Key(String credentialId, String resource) {
    }

    private final CredentialClientConfig config;
    private final ObjectMapper json;
    private final CredentialServiceApi api;
    private final CredentialAuthorization authorization;
    private final Clock clock = Clock.systemUTC();
    private final Map<Key, AccessToken> cache = new ConcurrentHashMap<>();
    private final Map<Key, ReentrantLock> locks = new ConcurrentHashMap<>();

    public CredentialClient(CredentialClientConfig config, ObjectMapper json, Config properties,
            Instance<OidcClients> oidcClients) {
        this.config = config;
        this.json = json;
        long timeout = config.timeout().toMillis();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.url())
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                // Every status is read here and turned into a typed failure; no WebApplicationException.
                .disableDefaultMapper(true)
                .build(CredentialServiceApi.class);
        this.authorization = CredentialAuthorization.of(config, name -> properties.getOptionalValue(name,
                String.class), oidcClients::get, json);
        Log.debugf("credential-client.auth=%s: %s", config.auth(), authorization);
    }

    /** Made at start, not at the first token request: a mode without its settings fails the start. */
    void checkAtStart(@Observes StartupEvent start) {
        // Constructing this bean checked the configuration.
    }

    /** A token for {@code resource} ({@code graph} or {@code outlook}) of the credential, cached or fresh. */
    public AccessToken token(String credentialId, String resource) {
        Key key = new Key(credentialId, resource);
        AccessToken cached = fresh(cache.get(key));
        if (cached != null) {
            return cached;
        }
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            cached = fresh(cache.get(key));
            if (cached != null) {
                return cached;
            }
            AccessToken token = fetch(credentialId, resource, null);
            cache.put(key, token);
            return token;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A token in place of {@code rejected}, which Microsoft refused: the cached one if another caller already replaced
     * it, else a new one from the credential-service, asked for with the refused token's fingerprint.
     */
    public AccessToken replace(String credentialId, String resource, AccessToken rejected) {
        Key key = new Key(credentialId, resource);
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            AccessToken cached = fresh(cache.get(key));
            if (cached != null && !cached.equals(rejected)) {
                return cached;
            }
            AccessToken token = fetch(credentialId, resource, rejected.sha256());
            cache.put(key, token);
            return token;
        } finally {
            lock.unlock();
        }
    }

    private AccessToken fresh(AccessToken token) {
        return token != null && token.expiresAt().isAfter(clock.instant().plus(config.refreshMargin())) ? token : null;
    }

    private AccessToken fetch(String credentialId, String resource, String rejectedSha256) {
        try (Response response = api.token(credentialId, authorization.header(),
                new CredentialServiceApi.TokenRequest(resource, rejectedSha256))) {
            int status = response.getStatus();
            if (status == 401) {
                authorization.refused();
            }
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status == 200) {
                return parseToken(body);
            }
            throw failure(credentialId, status, readProblem(body), response.getHeaderString("Retry-After"));
        } catch (ProcessingException e) {
            Log.warnf("credential-service unreachable: %s", rootName(e));
            throw new CredentialFailure.Unavailable("The credential-service is unreachable.", null);
        }
    }

    private AccessToken parseToken(String body) {
        try {
            TokenResponse token = json.readValue(body, TokenResponse.class);
            if (token.accessToken() == null || token.expiresAt() == null) {
                throw new IllegalArgumentException("incomplete");
            }
            return new AccessToken(token.accessToken(), token.expiresAt());
        } catch (Exception e) {
            throw new CredentialFailure.Unavailable("The credential-service answered a token that cannot be read.",
                    null);
        }
    }

    private CredentialFailure failure(String credentialId, int status, JsonNode problem, String retryAfter) {
        return switch (status) {
            case 404 -> new CredentialFailure.UnknownCredential(credentialId);
            case 401, 403 -> new CredentialFailure.AccessDenied(credentialId, status, authorization.remedy());
            case 409 -> {
                String state = text(problem, "status");
                String explanation = text(problem, "explanation") != null
                        ? text(problem, "explanation")
                        : text(problem, "detail");
                yield new CredentialFailure.NotReady("Credential '" + credentialId + "' is not ready ("
                        + (state == null ? "unknown status" : state) + ")"
                        + (explanation == null ? "." : ": " + explanation),
                        state, text(problem, "code"), text(problem, "consentUrl"));
            }
            default -> new CredentialFailure.Unavailable(
                    "The credential-service cannot give a token right now (HTTP " + status + ").",
                    RetryAfter.parse(retryAfter).orElse(null));
        };
    }

    private JsonNode readProblem(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String rootName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
