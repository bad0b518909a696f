package io.exchangebridge.foundation.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small concurrent map whose entries expire, bounded in size: what the verified-credential caches need without a
 * cache library in the foundation. When full, expired entries are dropped, and if that frees nothing, everything is:
 * the caches then only cost one more real check per client.
 */
final class ExpiringMap<V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;
    private final InstantSource clock;

    ExpiringMap(Duration ttl, int maxEntries, InstantSource clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** Kept for the map's ttl. */
    void put(String key, V value) {
        put(key, value, clock.instant().plus(ttl));
    }

    /** Kept until {@code expiresAt}, at most for the map's ttl. */
    void put(String key, V value, Instant expiresAt) {
        Instant now = clock.instant();
        Instant until = expiresAt.isAfter(now.plus(ttl)) ? now.plus(ttl) : expiresAt;
        if (!until.isAfter(now)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, until));
    }

    void remove(String key) {
        entries.remove(key);
    }

    int size(Instant now) {
        return (int) entries.values().stream().filter(e -> now.isBefore(e.expiresAt())).count();
    }
}
