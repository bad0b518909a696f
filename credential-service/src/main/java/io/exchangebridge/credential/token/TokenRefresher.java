package io.exchangebridge.credential.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.credential.status.StatusMetrics;
import io.exchangebridge.foundation.problem.DatabaseUnavailable;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Gets a token from the database or from Entra ID. A refresh happens while holding the credential's row lock in
 * PostgreSQL ({@code SELECT ... FOR UPDATE}), so concurrent requests of every instance sharing the database cause one
 * call to Entra; the others find the new token once the lock is theirs. The rotated refresh token is written in the
 * same transaction as the access token, and so is the credential's new status after a failure.
 */
@ApplicationScoped
class TokenRefresher {

    private final CredentialConfig config;
    private final TokenStore store;
    private final EntraTokenClient entra;
    private final ClientAuthenticator authenticator;
    private final StatusMetrics metrics;

    TokenRefresher(CredentialConfig config, TokenStore store, EntraTokenClient entra,
            ClientAuthenticator authenticator, StatusMetrics metrics) {
        this.config = config;
        this.store = store;
        this.entra = entra;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    /** The token from the database when still fresh, or a refusal when no refresh may be tried; else empty. */
    Optional<TokenOutcome> fromDatabase(String credentialId, String resource, Optional<TokenFingerprint> rejected) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CredentialEntity c = store.credential(credentialId);
            AccessTokenEntity stored = store.stored(c, store.resourceKey(c, resource), rejected);
            Instant now = Instant.now();
            if (stored != null && store.fresh(stored, now)) {
                return Optional.of(store.served(stored, resource, false));
            }
            return blocked(c, stored, resource, now);
        });
    }

    /** Refreshes under the credential's row lock, unless another request or instance did so meanwhile. */
    TokenOutcome refresh(String credentialId, String resource, Optional<TokenFingerprint> rejected) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> refreshLocked(credentialId, resource, rejected));
        } catch (PersistenceException e) {
            if (DatabaseUnavailable.causedAnywhereIn(e)) {
                throw e; // not a busy lock: the problem mapper answers that the database is unavailable
            }
            Log.warnf("Credential %s: waiting for the refresh lock failed (%s)", credentialId,
                    e.getClass().getSimpleName());
            throw new TokenFailure.Busy();
        }
    }

    private TokenOutcome refreshLocked(String credentialId, String resource, Optional<TokenFingerprint> rejected) {
        CredentialEntity c = store.lock(credentialId);
        if (c == null) {
            throw CredentialService.notFound(credentialId);
        }
        String resourceKey = store.resourceKey(c, resource);
        AccessTokenEntity stored = store.stored(c, resourceKey, Optional.empty());
        if (store.isRejected(stored, rejected)) {
            // Still the refused token: no other request or instance replaced it yet, so this one calls Entra.
            Log.infof("Credential %s: a client reports the %s token as refused; getting a new one", credentialId,
                    resourceKey);
            stored = null;
        }
        Instant now = Instant.now();
        if (stored != null && store.fresh(stored, now)) {
            return store.served(stored, resource, false); // another request or instance refreshed it meanwhile
        }
        Optional<TokenOutcome> refused = blocked(c, stored, resource, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        return callEntra(c, resourceKey, resource, stored, now);
    }

    /** A refusal when the credential's status forbids calling Entra now, else empty. */
    private Optional<TokenOutcome> blocked(CredentialEntity c, AccessTokenEntity stored, String resource,
            Instant now) {
        CredentialStatus status = CredentialStatus.valueOf(c.status);
        if (status == CredentialStatus.CONSENT_REQUIRED || status == CredentialStatus.CONFIG_ERROR) {
            return Optional.of(notReady(c, status, c.statusCode, c.statusExplanation));
        }
        if (status == CredentialStatus.TRANSIENT_ERROR && c.nextAttemptAt != null && now.isBefore(c.nextAttemptAt)) {
            if (stored != null && now.isBefore(stored.expiresAt)) {
                // Entra is down, but the token is still valid for a while: keep serving it.
                return Optional.of(store.served(stored, resource, false));
            }
            return Optional.of(unavailable(c, Duration.between(now, c.nextAttemptAt), c.statusCode,
                    c.statusExplanation));
        }
        return Optional.empty();
    }

    /**
     * Keeps a delegated credential's refresh token alive: refreshes it when it was last renewed more than
     * {@code maxAge} ago. Takes the row lock and looks again, so that of several replicas only one refreshes.
     *
     * @return true when Entra was called
     */
    boolean keepAlive(String credentialId, Duration maxAge) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CredentialEntity c = store.lock(credentialId);
            Instant now = Instant.now();
            if (c == null || !c.delegated() || c.refreshTokenEnc == null
                    || !(CredentialStatus.ACTIVE.name().equals(c.status)
                            || CredentialStatus.TRANSIENT_ERROR.name().equals(c.status))
                    || (c.refreshTokenAt != null && c.refreshTokenAt.isAfter(now.minus(maxAge)))) {
                return false;
            }
            String resourceKey = store.firstResourceKey(c);
            AccessTokenEntity stored = store.stored(c, resourceKey, Optional.empty());
            TokenOutcome outcome = callEntra(c, resourceKey, resourceKey, stored, now);
            Log.infof("Credential %s: keep-alive refresh %s", credentialId,
                    outcome instanceof TokenOutcome.Served ? "done" : "failed: " + c.status);
            return true;
        });
    }

    /** Calls Entra for one resource of a locked credential and records the result in the transaction. */
    private TokenOutcome callEntra(CredentialEntity c, String resourceKey, String resource, AccessTokenEntity stored,
            Instant now) {
        boolean delegated = c.delegated();
        if (delegated && c.refreshTokenEnc == null) {
            c.status(CredentialStatus.CONSENT_REQUIRED, null,
                    "A user must sign in once and consent: open the consent link.", now);
            return notReady(c, CredentialStatus.CONSENT_REQUIRED, null, c.statusExplanation);
        }
        Map<String, String> form = grant(c, resourceKey);
        try {
            authenticator.authenticate(c, form);
        } catch (ClientAuthenticator.ClientAuthenticationException e) {
            c.status(CredentialStatus.CONFIG_ERROR, null, e.getMessage(), now);
            metrics.entraError("client_authentication");
            return notReady(c, CredentialStatus.CONFIG_ERROR, null, e.getMessage());
        }
        EntraResult result = entra.call(c.tokenUrl, form);
        if (result instanceof EntraResult.Success s) {
            metrics.entraCall("success");
            return store.served(store.store(c, resourceKey, s, Instant.now()), resource, true);
        }
        Classification k = EntraErrorClassifier.classify(result, delegated);
        metrics.entraCall("error");
        metrics.entraError(k.code() == null ? "unreachable" : k.code());
        Log.warnf("Credential %s: token request for %s failed: %s %s", c.id, resourceKey, k.status(),
                k.code() == null ? "" : k.code());
        c.status(k.status(), k.code(), k.explanation(), now);
        if (k.status() == CredentialStatus.TRANSIENT_ERROR) {
            Duration wait = result instanceof EntraResult.Failure f && f.retryAfter().isPresent()
                    ? f.retryAfter().get()
                    : config.token().transientRetryAfter();
            c.nextAttemptAt = now.plus(wait);
            if (stored != null && now.isBefore(stored.expiresAt)) {
                return store.served(stored, resource, false);
            }
            return unavailable(c, wait, k.code(), k.explanation());
        }
        // Permanent: no more calls until someone acts; tokens of the old grant or configuration go.
        c.nextAttemptAt = null;
        if (k.status() == CredentialStatus.CONSENT_REQUIRED) {
            c.refreshTokenEnc = null;
        }
        store.deleteTokens(c.id);
        return notReady(c, k.status(), k.code(), k.explanation());
    }

    /** The token request's form without client authentication: the refresh token grant, or client credentials. */
    private Map<String, String> grant(CredentialEntity c, String resourceKey) {
        Map<String, String> form = EntraTokenClient.form();
        String scope = store.scope(c, resourceKey);
        if (c.delegated()) {
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", store.refreshToken(c));
        } else {
            form.put("grant_type", "client_credentials");
        }
        form.put("scope", scope);
        return form;
    }

    private static TokenOutcome notReady(CredentialEntity c, CredentialStatus status, String code,
            String explanation) {
        return new TokenOutcome.Refused(
                new TokenFailure.NotReady(c.id, status, code, explanation, c.statusSince, c.delegated()));
    }

    private static TokenOutcome unavailable(CredentialEntity c, Duration wait, String code, String explanation) {
        return new TokenOutcome.Refused(new TokenFailure.Unavailable(c.id, wait, code, explanation));
    }
}
