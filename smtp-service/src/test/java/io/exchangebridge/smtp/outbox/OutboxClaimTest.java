package io.exchangebridge.smtp.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
        outbox.claim(1000, Duration.ofMinutes(5));
        outbox.postpone(id, java.time.Instant.now().plusSeconds(60));
        StoredMessage m = outbox.find(id).orElseThrow();
        assertEquals(MessageStatus.QUEUED, m.status());
        assertEquals(0, m.attempts());
        assertTrue(outbox.claim(1000, Duration.ofMinutes(5)).stream().noneMatch(c -> c.id().equals(id)));
    }
}
