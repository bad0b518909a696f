package io.exchangebridge.credential.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The audit log: who did what with which credential, and the result. Entries are queued and written in batches once a
 * second (and at shutdown), so that cached token hand-outs — thousands per second — do not each wait for a database
 * write. The queue is bounded; when PostgreSQL is down for long, the oldest entries are dropped and counted in the log.
 */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_QUEUED = 100_000;

    private final ConcurrentLinkedQueue<AuditEntry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String actor, String action, String credentialId, String resource, String result) {
        queue.add(new AuditEntry(Instant.now(), actor == null ? "anonymous" : actor, action, credentialId, resource,
                result, 1));
        if (size.incrementAndGet() > MAX_QUEUED && queue.poll() != null) {
            size.decrementAndGet();
            Log.warn("Audit queue full: dropped the oldest entry");
        }
    }

    private record Handout(String actor, String credentialId, String resource) {
    }

    private final ConcurrentHashMap<Handout, LongAdder> handouts = new ConcurrentHashMap<>();

    /**
     * A token handed out. Hand-outs are counted per (client, credential, resource) and written as one entry per second
     * with the count: an audit trail of every hand-out without a database write for each.
     */
    public void handout(String actor, String credentialId, String resource) {
        handouts.computeIfAbsent(new Handout(actor, credentialId, resource), k -> new LongAdder()).increment();
    }

    /** Writes every queued entry. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        List<AuditEntry> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (Handout h : handouts.keySet()) {
            LongAdder count = handouts.remove(h);
            long n = count == null ? 0 : count.sumThenReset();
            if (n > 0) {
                batch.add(new AuditEntry(now, h.actor(), "token.handout", h.credentialId(), h.resource(), "OK", n));
            }
        }
        int queued = 0;
        for (AuditEntry e = queue.poll(); e != null; e = queued < 5_000 ? queue.poll() : null) {
            batch.add(e);
            queued++;
        }
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO audit_log (at, actor, action, target, detail, result, count) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : batch) {
                insert.setTimestamp(1, Timestamp.from(e.at()));
                insert.setString(2, e.actor());
                insert.setString(3, e.action());
                insert.setString(4, e.credentialId());
                insert.setString(5, e.resource());
                insert.setString(6, e.result());
                insert.setLong(7, e.count());
                insert.addBatch();
            }
            insert.executeBatch();
            size.addAndGet(-queued);
        } catch (Exception e) {
            // Kept for the next attempt (hand-out counts among them are re-queued as entries of their own).
            queue.addAll(batch);
            size.addAndGet(batch.size() - queued);
            Log.warnf("Audit log not written (%s); %d entries kept for the next attempt", e.getClass().getSimpleName(),
                    batch.size());
        }
    }

    @PreDestroy
    void shutdown() {
        flush();
    }
}
