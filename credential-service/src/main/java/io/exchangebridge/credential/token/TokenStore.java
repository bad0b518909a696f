package io.exchangebridge.credential.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialEntity;
import io.exchangebridge.credential.credential.CredentialService;
import io.exchangebridge.credential.credential.CredentialStatus;
import io.exchangebridge.credential.credential.Resources;
import io.exchangebridge.credential.crypto.SecretCipher;

/**
 * The database tier, shared by every instance: credential rows (locked {@code FOR UPDATE} for a refresh) and the
 * encrypted access and refresh tokens. Every method runs in the caller's transaction.
 */
@ApplicationScoped
class TokenStore {

    private final CredentialConfig config;
    private final CredentialService credentials;
    private final SecretCipher cipher;

    TokenStore(CredentialConfig config, CredentialService credentials, SecretCipher cipher) {
        this.config = config;
        this.credentials = credentials;
        this.cipher = cipher;
    }

    /** The credential, unlocked. */
    CredentialEntity credential(String credentialId) {
        CredentialEntity c = CredentialEntity.findById(credentialId);
        if (c == null) {
            throw CredentialService.notFound(credentialId);
        }
        return c;
    }

    /**
     * The credential's row, locked until the transaction ends; waits at most {@code credential.token.lock-timeout} for
     * another request or instance holding it.
     *
     * @return null when the credential does not exist
     */
    CredentialEntity lock(String credentialId) {
        CredentialEntity.getEntityManager()
                .createNativeQuery("SELECT set_config('lock_timeout', ?1, true)")
                .setParameter(1, config.token().lockTimeout().toMillis() + "ms").getSingleResult();
        return CredentialEntity.findById(credentialId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The stored token of the resource, or null when there is none or it is the rejected one. */
    AccessTokenEntity stored(CredentialEntity c, String resourceKey, Optional<TokenFingerprint> rejected) {
        AccessTokenEntity stored = AccessTokenEntity.findById(new AccessTokenEntity.Key(c.id, resourceKey));
        return isRejected(stored, rejected) ? null : stored;
    }

    /** Whether the stored token is the rejected one; decrypts only when a fingerprint was given. */
    boolean isRejected(AccessTokenEntity stored, Optional<TokenFingerprint> rejected) {
        return rejected.isPresent() && stored != null && rejected.get().matches(
                cipher.decrypt(stored.tokenEnc, AccessTokenEntity.context(stored.key.credentialId(),
                        stored.key.resource())));
    }

    /** The configured resource the client's resource string names (e.g. {@code graph} or a resource URI). */
    String resourceKey(CredentialEntity c, String resource) {
        return Resources.match(credentials.scopes(c), resource, c.delegated())
                .orElseThrow(() -> new TokenFailure.InvalidRequest("Field 'resource': '" + resource
                        + "' is not configured for credential '" + c.id + "'. Configured: "
                        + String.join(", ", credentials.scopes(c).keySet()) + "."));
    }

    /** The first configured resource: the one a keep-alive refreshes. */
    String firstResourceKey(CredentialEntity c) {
        return credentials.scopes(c).keySet().iterator().next();
    }

    String scope(CredentialEntity c, String resourceKey) {
        return Resources.tokenScope(resourceKey, credentials.scopes(c).get(resourceKey), c.delegated());
    }

    String refreshToken(CredentialEntity c) {
        return cipher.decrypt(c.refreshTokenEnc, c.context(CredentialService.REFRESH_TOKEN));
    }

    /** Whether the token may be handed out without a refresh: valid for at least the refresh skew. */
    boolean fresh(AccessTokenEntity t, Instant now) {
        return now.isBefore(t.expiresAt.minus(config.token().refreshSkew()));
    }

    TokenOutcome.Served served(AccessTokenEntity t, String resource, boolean fromEntra) {
        String token = cipher.decrypt(t.tokenEnc, AccessTokenEntity.context(t.key.credentialId(), t.key.resource()));
        List<String> scopes = t.scopes == null || t.scopes.isBlank()
                ? List.of()
                : Arrays.asList(t.scopes.trim().split("\\s+"));
        Instant refreshAt = t.expiresAt.minus(config.token().refreshSkew());
        return new TokenOutcome.Served(new TokenResponse(token, t.tokenType, t.expiresAt, resource, scopes), refreshAt,
                fromEntra);
    }

    /**
     * Stores a token response: the access token for its resource and, when Entra rotated it, the new refresh token — in
     * the caller's transaction, so both are committed together or not at all.
     */
    AccessTokenEntity store(CredentialEntity c, String resourceKey, EntraResult.Success s, Instant now) {
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
        return row;
    }

    /** Removes every stored access token of the credential: they belong to a grant or configuration that is gone. */
    void deleteTokens(String credentialId) {
        CredentialEntity.getEntityManager().createNativeQuery("DELETE FROM access_token WHERE credential_id = ?1")
                .setParameter(1, credentialId).executeUpdate();
    }
}
