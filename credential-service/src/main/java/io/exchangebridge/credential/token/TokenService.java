package io.exchangebridge.credential.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.credential.audit.AuditLog;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.credential.status.StatusMetrics;

/**
 * Hands out access tokens: from memory while valid ({@link TokenCache}), else from the database where another instance
 * may have put a fresh one, else from Entra ID ({@link TokenRefresher}, one call per token across all instances).
 * Concurrent requests of this instance first queue on the cache's lock of the token, then on the database's row lock.
 * <p> A client whose token Graph or Exchange refused names it by its SHA-256 ({@code rejectedTokenSha256}). Only a
 * token matching that fingerprint is passed over; the check is repeated at every level (memory, database, under the row
 * lock), so many clients reporting the same token cause one Entra call, and a fingerprint of an old or made-up token
 * none. Refusals are thrown as {@link TokenFailure}s.
 */
@ApplicationScoped
public class TokenService {

    private final TokenCache cache;
    private final TokenRefresher refresher;
    private final TokenStore store;
    private final AuditLog audit;
    private final StatusMetrics metrics;

    public TokenService(TokenCache cache, TokenRefresher refresher, TokenStore store, AuditLog audit,
            StatusMetrics metrics) {
        this.cache = cache;
        this.refresher = refresher;
        this.store = store;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** A token of the credential for the resource, or a {@link TokenFailure} saying why not. */
    public TokenResponse token(String credentialId, String resource, String caller) {
        return token(credentialId, resource, caller, Optional.empty());
    }

    /**
     * @param rejected
     *            the token the client reports as refused; when it is the one that would be handed out, a new one is
     *            fetched instead
     */
    TokenResponse token(String credentialId, String resource, String caller, Optional<TokenFingerprint> rejected) {
        if (resource == null || resource.isBlank()) {
            throw TokenFailure.InvalidRequest.resourceRequired();
        }
        TokenCache.Key key = new TokenCache.Key(credentialId, resource);
        Optional<TokenResponse> cached = fromMemory(key, caller, rejected);
        if (cached.isPresent()) {
            return cached.get();
        }
        return cache.locked(key, () -> fromMemory(key, caller, rejected).orElseGet(() -> {
            TokenOutcome outcome = refresher.fromDatabase(credentialId, resource, rejected)
                    .orElseGet(() -> refresher.refresh(credentialId, resource, rejected));
            return answer(key, outcome, caller);
        }));
    }

    /**
     * The token from memory when it may be served without any I/O; never blocks, so the REST layer can answer from the
     * event loop.
     */
    public Optional<TokenResponse> cached(String credentialId, String resource, String caller) {
        return cached(credentialId, resource, caller, Optional.empty());
    }

    Optional<TokenResponse> cached(String credentialId, String resource, String caller,
            Optional<TokenFingerprint> rejected) {
        if (resource == null) {
            return Optional.empty();
        }
        return fromMemory(new TokenCache.Key(credentialId, resource), caller, rejected);
    }

    private Optional<TokenResponse> fromMemory(TokenCache.Key key, String caller,
            Optional<TokenFingerprint> rejected) {
        Optional<TokenResponse> cached = cache.get(key, rejected);
        if (cached.isPresent()) {
            metrics.handout("memory");
            audit.handout(caller, key.credentialId(), key.resource());
        }
        return cached;
    }

    private TokenResponse answer(TokenCache.Key key, TokenOutcome outcome, String caller) {
        switch (outcome) {
            case TokenOutcome.Served s -> {
                cache.put(key, s.response(), s.refreshAt());
                metrics.handout(s.fromEntra() ? "entra" : "database");
                audit.handout(caller, key.credentialId(), key.resource());
                return s.response();
            }
            case TokenOutcome.Refused r -> {
                if (r.failure() instanceof TokenFailure.NotReady n) {
                    cache.remove(key);
                    metrics.handout("not_ready");
                    audit.record(caller, "token.handout", key.credentialId(), key.resource(), n.status().name());
                } else if (r.failure() instanceof TokenFailure.Unavailable) {
                    metrics.handout("unavailable");
                    audit.record(caller, "token.handout", key.credentialId(), key.resource(),
                            CredentialStatus.TRANSIENT_ERROR.name());
                }
                throw r.failure();
            }
        }
    }

    /**
     * Keeps a delegated credential's refresh token alive (see {@link TokenRefresher#keepAlive}).
     *
     * @return true when Entra was called
     */
    public boolean keepAlive(String credentialId, Duration maxAge) {
        boolean called = refresher.keepAlive(credentialId, maxAge);
        if (called) {
            cache.forget(credentialId);
        }
        return called;
    }

    /**
     * Stores a token response of the consent's code exchange: the access token and the refresh token, in the caller's
     * transaction.
     */
    public void store(CredentialEntity c, String resourceKey, EntraResult.Success s, Instant now) {
        store.store(c, resourceKey, s, now);
    }

    /** For tests and the benchmark: forget this instance's in-memory tokens. */
    public void clearMemory() {
        cache.clear();
    }
}
