package io.exchangebridge.smtp.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps this replica's claims alive while their messages wait in a batch or are being delivered: every third of
 * {@code relay.outbox.claim-timeout} it extends them. Only a replica that stopped (killed, frozen) lets a claim run
 * out, so a slow Exchange or credential-service no longer hands a message that is still being sent to a second worker.
 * A claim is identified by the message and its attempt number (each claim counts one): a worker whose claim was taken
 * over cannot extend the new holder's, and learns from {@link #stillHeld} not to start delivering.
 */
@ApplicationScoped
public class ClaimRenewal {

    private final DataSource dataSource;
    private final Duration claimTimeout;
    /** message id → the attempt number of this replica's claim on it. */
    private final Map<UUID, Integer> held = new ConcurrentHashMap<>();
    /** the claims of {@link #held} that a renewal found taken over, by the same key and value. */
    private final Map<UUID, Integer> lost = new ConcurrentHashMap<>();
    /** When a renewal last went through (this replica's clock). */
    private volatile Instant lastRenewed = Instant.MIN;
    private ScheduledExecutorService timer;

    public ClaimRenewal(DataSource dataSource, RelayConfig config) {
        this.dataSource = dataSource;
        this.claimTimeout = config.outbox().claimTimeout();
    }

    void start(@Observes StartupEvent event) {
        long every = Math.max(100, claimTimeout.toMillis() / 3);
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-claim-renewal").daemon()
                .factory());
        timer.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Claims just taken by a worker of this replica. */
    public void hold(List<ClaimedMessage> claimed) {
        claimed.forEach(m -> held.put(m.id(), m.attempts()));
    }

    /** The worker is done with the message (its outcome is recorded, or it gave up on it). */
    public void release(ClaimedMessage m) {
        held.remove(m.id(), m.attempts());
        lost.remove(m.id(), m.attempts());
    }

    /** False once a renewal found the claim gone (another replica took the message over). */
    public boolean stillHeld(ClaimedMessage m) {
        return !Integer.valueOf(m.attempts()).equals(lost.get(m.id()));
    }

    /**
     * Until when an outcome may still be written for a claim taken at {@code claimedAt}: 80 % into the claim's current
     * term, which began at the claim or at the last renewal that went through (a database outage stops both).
     */
    public Instant recordBy(Instant claimedAt) {
        Instant start = lastRenewed.isAfter(claimedAt) ? lastRenewed : claimedAt;
        return start.plus(claimTimeout.multipliedBy(4).dividedBy(5));
    }

    void renewAll() {
        Map<UUID, Integer> claims = Map.copyOf(held);
        if (claims.isEmpty()) {
            return;
        }
        try {
            Instant started = Instant.now();
            Set<UUID> renewed = renew(claims);
            lastRenewed = started;
            claims.forEach((id, attempts) -> {
                if (!renewed.contains(id)) {
                    // atomic with release() on the same key: a claim released meanwhile is not marked lost
                    held.computeIfPresent(id, (key, current) -> {
                        if (current.equals(attempts)) {
                            lost.put(key, current);
                        }
                        return current;
                    });
                }
            });
        } catch (SQLException | RuntimeException e) {
            // the database is away: the claims run on as they are, and the next renewal tries again
            Log.warnf("Could not renew %d outbox claims: %s", claims.size(), e.getClass().getSimpleName());
        }
    }

    private Set<UUID> renew(Map<UUID, Integer> claims) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE outbox_message o SET claimed_until = now() + make_interval(secs => ?)
                        FROM unnest(?::uuid[], ?::int[]) AS claim(id, attempts)
                        WHERE o.id = claim.id AND o.attempts = claim.attempts AND o.status = 'SENDING'
                        RETURNING o.id
                        """)) {
            UUID[] ids = claims.keySet().toArray(UUID[]::new);
            Integer[] attempts = new Integer[ids.length];
            for (int i = 0; i < ids.length; i++) {
                attempts[i] = claims.get(ids[i]);
            }
            s.setDouble(1, claimTimeout.toMillis() / 1000.0);
            s.setArray(2, c.createArrayOf("uuid", ids));
            s.setArray(3, c.createArrayOf("integer", attempts));
            Set<UUID> renewed = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    renewed.add(rs.getObject(1, UUID.class));
                }
            }
            return renewed;
        }
    }
}
