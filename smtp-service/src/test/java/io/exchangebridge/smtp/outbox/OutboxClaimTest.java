package io.exchangebridge.smtp.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Claims against the real PostgreSQL with the workers of this instance off: concurrent claimers (standing in for
 * several replicas) never get the same message, and a claim that ran out (a replica died) is taken over.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class)
@TestProfile(OutboxClaimTest.NoWorkers.class)
class OutboxClaimTest {

    /** No delivery workers, no simulator: only the store is exercised. */
    public static class NoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.outbox.workers", "0");
        }
    }

    @Inject
    OutboxStore outbox;

    @Inject
    DataSource dataSource;

    private UUID store(String text) {
        return outbox.enqueue(new NewMessage("test", null, null, "a@example.com", List.of("b@example.com"),
                "<" + UUID.randomUUID() + "@t>", text.getBytes(StandardCharsets.US_ASCII), null)).id();
    }

    @Test
    void concurrentClaimersNeverShareAMessage() throws Exception {
        Set<UUID> stored = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            stored.add(store("m" + i));
        }
        List<UUID> claimed = Collections.synchronizedList(new ArrayList<>());
        Callable<Void> claimer = () -> {
            List<ClaimedMessage> batch;
            while (!(batch = outbox.claim(7, Duration.ofMinutes(5))).isEmpty()) {
                batch.forEach(m -> claimed.add(m.id()));
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> futures = pool.invokeAll(List.of(claimer, claimer, claimer, claimer));
            for (Future<Void> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(claimed.containsAll(stored), "every message claimed");
        assertEquals(new HashSet<>(claimed).size(), claimed.size(), "no message claimed twice");
        for (UUID id : stored) {
            assertEquals(MessageStatus.SENDING, outbox.find(id).orElseThrow().status());
        }
    }

    @Test
    void expiredClaimIsTakenOverAndLiveClaimIsNot() {
        UUID crashed = store("crashed");
        List<ClaimedMessage> first = outbox.claim(1000, Duration.ZERO);
        assertTrue(first.stream().anyMatch(m -> m.id().equals(crashed)));

        List<ClaimedMessage> again = outbox.claim(1000, Duration.ofMinutes(5));
        ClaimedMessage takenOver = again.stream().filter(m -> m.id().equals(crashed)).findFirst().orElseThrow();
        assertEquals(2, takenOver.attempts());
        assertTrue(outbox.claim(1000, Duration.ofMinutes(5)).stream().noneMatch(m -> m.id().equals(crashed)));
    }

    @Test
    void postponedMessageIsNotDueAndKeepsItsAttemptCount() {
        UUID id = store("paced");
        ClaimedMessage claimed = outbox.claim(1000, Duration.ofMinutes(5)).stream().filter(c -> c.id().equals(id))
                .findFirst().orElseThrow();
        outbox.postpone(claimed, java.time.Instant.now().plusSeconds(60));
        StoredMessage m = outbox.find(id).orElseThrow();
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(0, m.attempts());
        assertTrue(outbox.claim(1000, Duration.ofMinutes(5)).stream().noneMatch(c -> c.id().equals(id)));
    }

    /**
     * Two relays on one database, each claiming batches and marking a batch SENT in one statement after "delivering"
     * it: every message is claimed by exactly one of them, ends SENT after one attempt, and nothing is left to claim.
     */
    @Test
    void batchedClaimsAndSentMarksOfTwoRelaysDeliverEveryMessageOnce() throws Exception {
        Set<UUID> stored = new HashSet<>();
        for (int i = 0; i < 150; i++) {
            stored.add(store("batch" + i));
        }
        List<UUID> delivered = Collections.synchronizedList(new ArrayList<>());
        Callable<Void> relay = () -> {
            List<ClaimedMessage> batch;
            while (!(batch = outbox.claim(10, Duration.ofMinutes(5))).isEmpty()) {
                batch.forEach(m -> delivered.add(m.id()));
                outbox.markSent(
                        batch.stream().map(m -> new OutboxStore.SentMark(m.id(), m.attempts(), "250 2.0.0 OK", null))
                                .toList());
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> f : pool.invokeAll(List.of(relay, relay))) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(delivered.containsAll(stored), "every message delivered");
        assertEquals(new HashSet<>(delivered).size(), delivered.size(), "no message delivered twice");
        for (UUID id : stored) {
            StoredMessage m = outbox.find(id).orElseThrow();
            assertEquals(MessageStatus.SENT, m.status());
            assertEquals(1, m.attempts());
            assertEquals("250 2.0.0 OK", m.lastReply());
        }
        assertTrue(outbox.claim(1000, Duration.ofMinutes(5)).stream().noneMatch(m -> stored.contains(m.id())));
    }

    /**
     * A relay that crashed after claiming a batch, before its SENT was written: once the claims run out the batch is
     * claimed once more (attempt 2), and after that SENT nothing of it is claimed again.
     */
    @Test
    void aBatchWhoseSentWasNeverWrittenIsClaimedOnceMore() {
        Set<UUID> stored = Set.of(store("c1"), store("c2"), store("c3"));
        // the crashed relay's claim, already run out: it never writes SENT
        assertTrue(outbox.claim(1000, Duration.ZERO).stream().map(ClaimedMessage::id).toList().containsAll(stored));
        List<ClaimedMessage> again = outbox.claim(1000, Duration.ofMinutes(5)).stream()
                .filter(m -> stored.contains(m.id())).toList();
        assertEquals(stored.size(), again.size());
        again.forEach(m -> assertEquals(2, m.attempts()));
        outbox.markSent(
                again.stream().map(m -> new OutboxStore.SentMark(m.id(), m.attempts(), "250 OK", null)).toList());
        assertTrue(outbox.claim(1000, Duration.ZERO).stream().noneMatch(m -> stored.contains(m.id())));
        stored.forEach(id -> assertEquals(MessageStatus.SENT, outbox.find(id).orElseThrow().status()));
    }

    /**
     * An outbox keeps its SENT messages: a claim must read the index of due messages, not scan the whole table and sort
     * it (what PostgreSQL planned for the claim before, as it could not infer the index's predicate from the OR).
     */
    @Test
    void aClaimReadsTheDueIndexNotTheWholeOutbox() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO outbox_message (id, submitted_by, mail_from, recipients, message_id, mime, status,
                        attempts, next_attempt_at, created_at, updated_at, sent_at)
                    SELECT gen_random_uuid(), 'plan-test', 'a@example.com', '{b@example.com}', '<' || n || '@t>',
                        '\\x00', 'SENT', 1, now(), now(), now(), now()
                    FROM generate_series(1, 5000) AS n""");
            s.execute("ANALYZE outbox_message");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN " + OutboxStore.CLAIMABLE.replace("LIMIT ?", "LIMIT 10"))) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                s.executeUpdate("DELETE FROM outbox_message WHERE submitted_by = 'plan-test'");
            }
            assertTrue(plan.toString().contains("Index Scan using outbox_message_due"), plan.toString());
            assertFalse(plan.toString().contains("Seq Scan"), plan.toString());
        }
    }
}
