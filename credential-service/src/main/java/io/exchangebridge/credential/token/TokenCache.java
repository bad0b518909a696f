package io.exchangebridge.credential.token;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.credential.CredentialChanged;

/**
 * This instance's memory tier: tokens that may be served without any I/O until they are due for refresh or for a look
 * at the database ({@code credential.token.local-cache-ttl}), and one lock per token, so that concurrent requests of
 * this instance queue here instead of all waiting on the database's row lock.
 */
@ApplicationScoped
class TokenCache {

    record Key(String credentialId, String resource) {
    }

    private record Cached(TokenResponse response, Instant refreshAt, Instant checkUntil) {
    }

    private final ConcurrentHashMap<Key, Cached> memory = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final CredentialConfig config;

    TokenCache(CredentialConfig config) {
        this.config = config;
    }

    /** The token when it may be served from memory: not due for refresh or a look, and not the rejected one. */
    Optional<TokenResponse> get(Key key, Optional<TokenFingerprint> rejected) {
        Cached cached = memory.get(key);
        Instant now = Instant.now();
        if (cached != null && now.isBefore(cached.refreshAt) && now.isBefore(cached.checkUntil)
                && !(rejected.isPresent() && rejected.get().matches(cached.response.accessToken()))) {
            return Optional.of(cached.response);
        }
        return Optional.empty();
    }

    void put(Key key, TokenResponse response, Instant refreshAt) {
        memory.put(key, new Cached(response, refreshAt, Instant.now().plus(config.token().localCacheTtl())));
    }

    void remove(Key key) {
        memory.remove(key);
    }

    /** Forgets the tokens of a credential. */
    void forget(String credentialId) {
        memory.keySet().removeIf(k -> k.credentialId().equals(credentialId));
    }

    void clear() {
        memory.clear();
    }

    /** Drops this instance's cached tokens of a credential once its change is committed. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialChanged event) {
        forget(event.credentialId());
    }

    /**
     * Runs {@code work} holding this instance's lock of the token.
     *
     * @throws TokenFailure.Busy
     *             when the lock is not had within {@code credential.token.lock-timeout}
     */
    <T> T locked(Key key, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!lock.tryLock(config.token().lockTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TokenFailure.Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFailure.Busy();
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
            // Keeps the map bounded (clients choose the resource string). A thread that still got this lock object
            // races with one using a new lock at worst; the database row lock keeps that to one Entra call.
            if (!lock.hasQueuedThreads()) {
                locks.remove(key, lock);
            }
        }
    }
}
