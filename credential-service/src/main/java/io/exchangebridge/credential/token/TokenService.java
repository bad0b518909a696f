package io.exchangebridge.credential.token;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import io.exchangebridge.credential.audit.AuditLog;
import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialChanged;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.credential.credential.Resources;
import io.exchangebridge.credential.crypto.SecretCipher;
import io.exchangebridge.credential.status.StatusMetrics;
import io.exchangebridge.foundation.problem.DatabaseUnavailable;
import io.exchangebridge.foundation.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Hands out access tokens: from memory while valid, else from the database (where another instance may have put a fresh
 * one), else from Entra ID. A refresh happens while holding the credential's row lock in PostgreSQL
 * ({@code SELECT ... FOR UPDATE}), so concurrent requests — of this instance (which first queue on an in-memory lock
 * per token) or of other instances sharing the database — cause one call to Entra; the others find the new token once
 * the lock is theirs. The rotated refresh token is written in the same transaction as the access token. <p> A client
 * whose token Graph or Exchange refused names it by its SHA-256 ({@code rejectedTokenSha256}). Only a token matching
 * that fingerprint is passed over; the check is repeated at every level (memory, database, under the row lock), so many
 * clients reporting the same token cause one Entra call, and a fingerprint of an old or made-up token none.
 */
@ApplicationScoped
public class TokenService {

    /** A token held in memory, and until when it may be served without looking at the database. */
    private record Cached(TokenResponse response, Instant refreshAt, Instant checkUntil) {
    }

    private record Key(String credentialId, String resource) {
    }

    /** What a refresh attempt led to; decided inside the transaction, turned into an answer after commit. */
    private sealed interface Outcome {
    }

    private record Served(TokenResponse response, Instant refreshAt, boolean fromEntra) implements Outcome {
    }

    private record NotReady(CredentialStatus status, String code, String explanation, Instant since, boolean delegated)
            implements
                Outcome {
    }

    private record Unavailable(Duration retryAfter, String code, String explanation) implements Outcome {
    }

    private final ConcurrentHashMap<Key, Cached> memory = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final CredentialConfig config;
    private final CredentialService credentials;
    private final SecretCipher cipher;
    private final EntraTokenClient entra;
    private final ClientAuthenticator authenticator;
    private final AuditLog audit;
    private final StatusMetrics metrics;

    public TokenService(CredentialConfig config, CredentialService credentials, SecretCipher cipher,
            EntraTokenClient entra, ClientAuthenticator authenticator, AuditLog audit, StatusMetrics metrics) {
        this.config = config;
        this.credentials = credentials;
        this.cipher = cipher;
        this.entra = entra;
        this.authenticator = authenticator;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * @param consentBase
     *            base URL of this service, for the consent link of a 409
     */
    public TokenResponse token(String credentialId, String resource, String caller, String consentBase) {
        return token(credentialId, resource, caller, consentBase, Optional.empty());
    }

    /**
     * @param rejected
     *            the token the client reports as refused; when it is the one that would be handed out, a new one is
     *            fetched instead
     */
    TokenResponse token(String credentialId, String resource, String caller, String consentBase,
            Optional<TokenFingerprint> rejected) {
        if (resource == null || resource.isBlank()) {
            throw ProblemException.badRequest("Field 'resource' is required: 'graph', 'outlook' or a resource URI.");
        }
        Key key = new Key(credentialId, resource);
        Cached cached = memory.get(key);
        Instant now = Instant.now();
        if (servable(cached, now, rejected)) {
            metrics.handout("memory");
            audit.handout(caller, credentialId, resource);
            return cached.response;
        }
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(config.token().lockTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            cached = memory.get(key);
            now = Instant.now();
            if (servable(cached, now, rejected)) {
                metrics.handout("memory");
                audit.handout(caller, credentialId, resource);
                return cached.response;
            }
            Outcome outcome = fromDatabase(credentialId, resource, rejected);
            if (outcome == null) {
                outcome = refresh(credentialId, resource, rejected);
            }
            return answer(key, outcome, caller, consentBase);
        } finally {
            lock.unlock();
            // Keeps the map bounded (clients choose the resource string). A thread that still got this lock object
            // races with one using a new lock at worst; the database row lock keeps that to one Entra call.
            if (!lock.hasQueuedThreads()) {
                locks.remove(key, lock);
            }
        }
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
        Cached cached = memory.get(new Key(credentialId, resource));
        Instant now = Instant.now();
        if (servable(cached, now, rejected)) {
            metrics.handout("memory");
            audit.handout(caller, credentialId, resource);
            return Optional.of(cached.response);
        }
        return Optional.empty();
    }

    private static boolean servable(Cached cached, Instant now, Optional<TokenFingerprint> rejected) {
        return cached != null && now.isBefore(cached.refreshAt) && now.isBefore(cached.checkUntil)
                && !isRejected(cached.response.accessToken(), rejected);
    }

    private static boolean isRejected(String accessToken, Optional<TokenFingerprint> rejected) {
        return rejected.isPresent() && rejected.get().matches(accessToken);
    }

    /** Whether the stored token is the rejected one; decrypts only when a fingerprint was given. */
    private boolean isRejected(AccessTokenEntity stored, Optional<TokenFingerprint> rejected) {
        return rejected.isPresent() && stored != null && rejected.get().matches(
                cipher.decrypt(stored.tokenEnc, AccessTokenEntity.context(stored.key.credentialId(),
                        stored.key.resource())));
    }

    /** Drops this instance's cached tokens of a credential once its change is committed. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialChanged event) {
        memory.keySet().removeIf(k -> k.credentialId.equals(event.credentialId()));
    }

    private TokenResponse answer(Key key, Outcome outcome, String caller, String consentBase) {
        switch (outcome) {
            case Served s -> {
                memory.put(key, new Cached(s.response, s.refreshAt,
                        Instant.now().plus(config.token().localCacheTtl())));
                metrics.handout(s.fromEntra ? "entra" : "database");
                audit.handout(caller, key.credentialId, key.resource);
                return s.response;
            }
            case NotReady n -> {
                memory.remove(key);
                metrics.handout("not_ready");
                audit.record(caller, "token.handout", key.credentialId, key.resource, n.status.name());
                ProblemException e = new ProblemException(409, "Credential Not Ready",
                        "Credential '" + key.credentialId + "' cannot hand out tokens: " + n.explanation)
                        .with("credentialStatus", n.status.name()).with("code", n.code).with("since", n.since);
                if (n.delegated && n.status == CredentialStatus.CONSENT_REQUIRED) {
                    e.with("consentUrl", consentBase + "/api/credentials/" + key.credentialId + "/consent");
                }
                throw e;
            }
            case Unavailable u -> {
                metrics.handout("unavailable");
                audit.record(caller, "token.handout", key.credentialId, key.resource, "TRANSIENT_ERROR");
                long seconds = Math.max(1, u.retryAfter.toSeconds());
                throw new ProblemException(503, "Service Unavailable",
                        "No valid token for credential '" + key.credentialId + "': " + u.explanation)
                        .with("credentialStatus", CredentialStatus.TRANSIENT_ERROR.name()).with("code", u.code)
                        .header("Retry-After", Long.toString(seconds));
            }
        }
    }

    /** The token from the database when still fresh; a refusal when no refresh may be tried; else null. */
    private Outcome fromDatabase(String credentialId, String resource, Optional<TokenFingerprint> rejected) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CredentialEntity c = CredentialEntity.findById(credentialId);
            if (c == null) {
                throw CredentialService.notFound(credentialId);
            }
            String resourceKey = resourceKey(c, resource);
            AccessTokenEntity stored = AccessTokenEntity.findById(new AccessTokenEntity.Key(credentialId, resourceKey));
            if (isRejected(stored, rejected)) {
                stored = null;
            }
            Instant now = Instant.now();
            if (stored != null && fresh(stored, now)) {
                return served(stored, resource, false);
            }
            return blocked(c, stored, resource, now);
        });
    }

    /** A refusal when the credential's status forbids calling Entra now, else null. */
    private Outcome blocked(CredentialEntity c, AccessTokenEntity stored, String resource, Instant now) {
        CredentialStatus status = CredentialStatus.valueOf(c.status);
        if (status == CredentialStatus.CONSENT_REQUIRED || status == CredentialStatus.CONFIG_ERROR) {
            return new NotReady(status, c.statusCode, c.statusExplanation, c.statusSince, c.delegated());
        }
        if (status == CredentialStatus.TRANSIENT_ERROR && c.nextAttemptAt != null && now.isBefore(c.nextAttemptAt)) {
            if (stored != null && now.isBefore(stored.expiresAt)) {
                // Entra is down, but the token is still valid for a while: keep serving it.
                return served(stored, resource, false);
            }
            return new Unavailable(Duration.between(now, c.nextAttemptAt), c.statusCode, c.statusExplanation);
        }
        return null;
    }

    private Outcome refresh(String credentialId, String resource, Optional<TokenFingerprint> rejected) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> refreshLocked(credentialId, resource, rejected));
        } catch (PersistenceException e) {
            if (DatabaseUnavailable.causedAnywhereIn(e)) {
                throw e; // not a busy lock: the problem mapper answers that the database is unavailable
            }
            Log.warnf("Credential %s: waiting for the refresh lock failed (%s)", credentialId,
                    e.getClass().getSimpleName());
            throw busy();
        }
    }

    private Outcome refreshLocked(String credentialId, String resource, Optional<TokenFingerprint> rejected) {
        lockTimeout();
        CredentialEntity c = CredentialEntity.findById(credentialId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw CredentialService.notFound(credentialId);
        }
        String resourceKey = resourceKey(c, resource);
        var id = new AccessTokenEntity.Key(credentialId, resourceKey);
        AccessTokenEntity stored = AccessTokenEntity.findById(id);
        if (isRejected(stored, rejected)) {
            // Still the refused token: no other request or instance replaced it yet, so this one calls Entra.
            Log.infof("Credential %s: a client reports the %s token as refused; getting a new one", credentialId,
                    resourceKey);
            stored = null;
        }
        Instant now = Instant.now();
        if (stored != null && fresh(stored, now)) {
            return served(stored, resource, false); // another request or instance refreshed it meanwhile
        }
        Outcome refused = blocked(c, stored, resource, now);
        if (refused != null) {
            return refused;
        }
        return callEntra(c, resourceKey, resource, stored, now);
    }

    /**
     * Keeps a delegated credential's refresh token alive: refreshes it when it was last renewed more than
     * {@code maxAge} ago. Takes the row lock and looks again, so that of several replicas only one refreshes.
     *
     * @return true when Entra was called
     */
    public boolean keepAlive(String credentialId, Duration maxAge) {
        boolean called = QuarkusTransaction.requiringNew().call(() -> {
            lockTimeout();
            CredentialEntity c = CredentialEntity.findById(credentialId, LockModeType.PESSIMISTIC_WRITE);
            Instant now = Instant.now();
            if (c == null || !c.delegated() || c.refreshTokenEnc == null
                    || !(CredentialStatus.ACTIVE.name().equals(c.status)
                            || CredentialStatus.TRANSIENT_ERROR.name().equals(c.status))
                    || (c.refreshTokenAt != null && c.refreshTokenAt.isAfter(now.minus(maxAge)))) {
                return false;
            }
            String resourceKey = credentials.scopes(c).keySet().iterator().next();
            AccessTokenEntity stored = AccessTokenEntity.findById(new AccessTokenEntity.Key(credentialId, resourceKey));
            Outcome outcome = callEntra(c, resourceKey, resourceKey, stored, now);
            Log.infof("Credential %s: keep-alive refresh %s", credentialId,
                    outcome instanceof Served ? "done" : "failed: " + c.status);
            return true;
        });
        if (called) {
            memory.keySet().removeIf(k -> k.credentialId.equals(credentialId));
        }
        return called;
    }

    private void lockTimeout() {
        CredentialEntity.getEntityManager()
                .createNativeQuery("SELECT set_config('lock_timeout', ?1, true)")
                .setParameter(1, config.token().lockTimeout().toMillis() + "ms").getSingleResult();
    }

    /** Calls Entra for one resource of a locked credential and records the result in the transaction. */
    private Outcome callEntra(CredentialEntity c, String resourceKey, String resource, AccessTokenEntity stored,
            Instant now) {
        String credentialId = c.id;
        var id = new AccessTokenEntity.Key(credentialId, resourceKey);
        boolean delegated = c.delegated();
        Map<String, String> form = EntraTokenClient.form();
        String scope = Resources.tokenScope(resourceKey, credentials.scopes(c).get(resourceKey), delegated);
        if (delegated) {
            if (c.refreshTokenEnc == null) {
                c.status(CredentialStatus.CONSENT_REQUIRED, null,
                        "A user must sign in once and consent: open the consent link.", now);
                return new NotReady(CredentialStatus.CONSENT_REQUIRED, null, c.statusExplanation, c.statusSince, true);
            }
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", cipher.decrypt(c.refreshTokenEnc, c.context(CredentialService.REFRESH_TOKEN)));
        } else {
            form.put("grant_type", "client_credentials");
        }
        form.put("scope", scope);
        try {
            authenticator.authenticate(c, form);
        } catch (ClientAuthenticator.ClientAuthenticationException e) {
            c.status(CredentialStatus.CONFIG_ERROR, null, e.getMessage(), now);
            metrics.entraError("client_authentication");
            return new NotReady(CredentialStatus.CONFIG_ERROR, null, e.getMessage(), c.statusSince, delegated);
        }
        EntraResult result = entra.call(c.tokenUrl, form);
        if (result instanceof EntraResult.Success s) {
            metrics.entraCall("success");
            store(c, resourceKey, s, Instant.now());
            return served(AccessTokenEntity.findById(id), resource, true);
        }
        Classification k = EntraErrorClassifier.classify(result, delegated);
        metrics.entraCall("error");
        metrics.entraError(k.code() == null ? "unreachable" : k.code());
        Log.warnf("Credential %s: token request for %s failed: %s %s", credentialId, resourceKey, k.status(),
                k.code() == null ? "" : k.code());
        c.status(k.status(), k.code(), k.explanation(), now);
        if (k.status() == CredentialStatus.TRANSIENT_ERROR) {
            Duration wait = result instanceof EntraResult.Failure f && f.retryAfter().isPresent()
                    ? f.retryAfter().get()
                    : config.token().transientRetryAfter();
            c.nextAttemptAt = now.plus(wait);
            if (stored != null && now.isBefore(stored.expiresAt)) {
                return served(stored, resource, false);
            }
            return new Unavailable(wait, k.code(), k.explanation());
        }
        // Permanent: no more calls until someone acts; tokens of the old grant or configuration go.
        c.nextAttemptAt = null;
        if (k.status() == CredentialStatus.CONSENT_REQUIRED) {
            c.refreshTokenEnc = null;
        }
        CredentialEntity.getEntityManager().createNativeQuery("DELETE FROM access_token WHERE credential_id = ?1")
                .setParameter(1, credentialId).executeUpdate();
        return new NotReady(k.status(), k.code(), k.explanation(), c.statusSince, delegated);
    }

    /**
     * Stores a token response: the access token for its resource and, when Entra rotated it, the new refresh token — in
     * the caller's transaction, so both are committed together or not at all.
     */
    public void store(CredentialEntity c, String resourceKey, EntraResult.Success s, Instant now) {
        var id = new AccessTokenEntity.Key(c.id, resourceKey);
        AccessTokenEntity row = AccessTokenEntity.findById(id);
        if (row == null) {
            row = new AccessTokenEntity();
            row.key = id;
        }
        row.tokenEnc = cipher.encrypt(s.accessToken(), AccessTokenEntity.context(c.id, resourceKey));
        row.tokenType = s.tokenType();
        row.scopes = s.scope();
        // Whole seconds (expires_in is in seconds; rounding down errs on the safe side), so that the answer is the same
        // whether it comes from memory or from PostgreSQL's microsecond timestamps.
        row.expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(s.expiresIn());
        row.obtainedAt = now;
        row.persist();
        if (s.refreshToken() != null) {
            c.refreshTokenEnc = cipher.encrypt(s.refreshToken(), c.context(CredentialService.REFRESH_TOKEN));
            c.refreshTokenAt = now;
        }
        c.lastRefreshAt = now;
        c.nextAttemptAt = null;
        c.status(CredentialStatus.ACTIVE, null, "Ready to hand out tokens.", now);
    }

    private String resourceKey(CredentialEntity c, String resource) {
        return Resources.match(credentials.scopes(c), resource, c.delegated())
                .orElseThrow(() -> ProblemException.badRequest("Field 'resource': '" + resource
                        + "' is not configured for credential '" + c.id + "'. Configured: "
                        + String.join(", ", credentials.scopes(c).keySet()) + "."));
    }

    private boolean fresh(AccessTokenEntity t, Instant now) {
        return now.isBefore(t.expiresAt.minus(config.token().refreshSkew()));
    }

    private Served served(AccessTokenEntity t, String resource, boolean fromEntra) {
        String token = cipher.decrypt(t.tokenEnc, AccessTokenEntity.context(t.key.credentialId(), t.key.resource()));
        List<String> scopes = t.scopes == null || t.scopes.isBlank()
                ? List.of()
                : Arrays.asList(t.scopes.trim().split("\\s+"));
        Instant refreshAt = t.expiresAt.minus(config.token().refreshSkew());
        return new Served(new TokenResponse(token, t.tokenType, t.expiresAt, resource, scopes), refreshAt, fromEntra);
    }

    private static ProblemException busy() {
        return new ProblemException(503, "Service Unavailable",
                "The token is being refreshed by another request; try again shortly.").header("Retry-After", "1");
    }

    /** For tests and the benchmark: forget this instance's in-memory tokens. */
    public void clearMemory() {
        memory.clear();
    }
}
