package io.exchangebridge.simulator.entra;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refresh tokens: opaque, bound to a user and a client, rotated on every use. The rotated token keeps working for the
 * configured grace period; faults can expire or revoke single tokens.
 */
public final class RefreshTokens {

    /** What a refresh token stands for and the faults applied to it. */
    static final class Grant {
        final String value;
        final String tenantId;
        final String clientId;
        final String userId;
        final Instant issuedAt;
        volatile Instant rotatedAt;
        volatile EntraFault fault;

        Grant(String value, String tenantId, String clientId, String userId, Instant issuedAt) {
            this.value = value;
            this.tenantId = tenantId;
            this.clientId = clientId;
            this.userId = userId;
            this.issuedAt = issuedAt;
        }
    }

    /** A fault put on single refresh tokens. */
    enum EntraFault {
        /** AADSTS700082 */
        EXPIRED,
        /** AADSTS70008 */
        REVOKED
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    Grant issue(String tenantId, String clientId, String userId, Instant now) {
        String value = "1.A" + AuthorizationCodes.opaque(192);
        Grant grant = new Grant(value, tenantId, clientId, userId, now);
        grants.put(value, grant);
        return grant;
    }

    Optional<Grant> find(String value) {
        return Optional.ofNullable(grants.get(value));
    }

    /** Makes this refresh token fail with AADSTS700082 (expired due to inactivity). */
    public boolean expire(String value) {
        return mark(value, EntraFault.EXPIRED);
    }

    /** Makes this refresh token fail with AADSTS70008. */
    public boolean revoke(String value) {
        return mark(value, EntraFault.REVOKED);
    }

    /** Expires every refresh token of a user (optionally only those of one client); returns how many. */
    public int expireAll(String userId, Optional<String> clientId) {
        return markAll(userId, clientId, EntraFault.EXPIRED);
    }

    /** Revokes every refresh token of a user (optionally only those of one client); returns how many. */
    public int revokeAll(String userId, Optional<String> clientId) {
        return markAll(userId, clientId, EntraFault.REVOKED);
    }

    /** The refresh tokens currently usable (not rotated, not faulted) of a user, newest last. */
    public List<String> active(String userId) {
        return grants.values().stream()
                .filter(g -> g.userId.equals(userId) && g.rotatedAt == null && g.fault == null)
                .sorted((a, b) -> a.issuedAt.compareTo(b.issuedAt)).map(g -> g.value).toList();
    }

    private boolean mark(String value, EntraFault fault) {
        Grant grant = grants.get(value);
        if (grant == null) {
            return false;
        }
        grant.fault = fault;
        return true;
    }

    private int markAll(String userId, Optional<String> clientId, EntraFault fault) {
        int marked = 0;
        for (Grant g : grants.values()) {
            if (g.userId.equals(userId) && clientId.map(g.clientId::equals).orElse(true)) {
                g.fault = fault;
                marked++;
            }
        }
        return marked;
    }
}
