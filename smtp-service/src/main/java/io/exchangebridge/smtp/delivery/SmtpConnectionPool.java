package io.exchangebridge.smtp.delivery;

import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.exchangebridge.smtp.config.RelayConfig;
import io.quarkus.logging.Log;

/**
 * The authenticated connections to Exchange, idle ones per route (credential and mailbox), and the periodic check that
 * closes those the server has closed or that are past their time (see {@link SmtpDelivery} for why and how).
 */
final class SmtpConnectionPool {

    private final RelayConfig.Smtp config;
    private final Map<String, Deque<PooledConnection>> idle = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-pool-check");
        t.setDaemon(true);
        return t;
    });

    SmtpConnectionPool(RelayConfig.Smtp config) {
        this.config = config;
        long every = Math.max(config.poolCheckInterval().toMillis(), 10);
        checker.scheduleWithFixedDelay(this::closeFinished, every, every, TimeUnit.MILLISECONDS);
    }

    /** Connections this replica holds open, idle or in use. */
    int open() {
        return open.get();
    }

    /** A connection just authenticated, counted as open until it is closed. */
    PooledConnection opened(SMTPTransport transport, SocketChannel channel, Instant tokenExpiresAt) {
        open.incrementAndGet();
        return new PooledConnection(transport, channel, Instant.now(), tokenExpiresAt, open::decrementAndGet);
    }

    /** An idle connection of the route that is still usable and still open, or null: then connect anew. */
    PooledConnection borrow(String key) {
        Deque<PooledConnection> deque = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (true) {
            PooledConnection p;
            synchronized (deque) {
                p = deque.pollFirst();
            }
            if (p == null) {
                return null;
            }
            boolean reusable = reusable(p, Instant.now());
            if (reusable && p.stillOpen()) {
                return p;
            }
            p.close(reusable);
        }
    }

    /** Back to the pool after a message, or closed politely when the route has enough idle connections. */
    void giveBack(String key, PooledConnection p) {
        Deque<PooledConnection> deque = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (deque) {
            if (deque.size() < config.maxIdlePerRoute()) {
                p.idle();
                deque.addFirst(p);
                return;
            }
        }
        p.close(true);
    }

    /** Young enough, token valid long enough, not idle too long; {@link PooledConnection#stillOpen()} aside. */
    private boolean reusable(PooledConnection p, Instant now) {
        return p.connectedAt.plus(config.keepAlive()).isAfter(now)
                && p.tokenExpiresAt.isAfter(now.plus(config.tokenMargin()))
                && p.idleSince().plus(config.poolIdleTimeout()).isAfter(now);
    }

    /** The periodic check: closes idle connections the server has closed (at once) or that are past their time. */
    void closeFinished() {
        try {
            Instant now = Instant.now();
            List<PooledConnection> gone = new ArrayList<>();
            List<PooledConnection> retired = new ArrayList<>();
            for (Deque<PooledConnection> deque : idle.values()) {
                synchronized (deque) {
                    for (Iterator<PooledConnection> it = deque.iterator(); it.hasNext();) {
                        PooledConnection p = it.next();
                        if (!p.stillOpen()) {
                            it.remove();
                            gone.add(p);
                        } else if (!reusable(p, now)) {
                            it.remove();
                            retired.add(p);
                        }
                    }
                }
            }
            gone.forEach(p -> p.close(false));
            retired.forEach(p -> p.close(true));
            if (!gone.isEmpty()) {
                Log.debugf("Closed %d pooled SMTP connection(s) that Exchange had closed", gone.size());
            }
        } catch (RuntimeException e) {
            Log.warnf("Checking the pooled SMTP connections failed: %s", e.toString());
        }
    }

    void closeAll() {
        checker.shutdownNow();
        idle.values().forEach(deque -> {
            synchronized (deque) {
                deque.forEach(p -> p.close(true));
                deque.clear();
            }
        });
    }
}
