package io.exchangebridge.smtp.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.delivery.ClaimedMessage;
import io.exchangebridge.smtp.outbox.MessageStatus;
import io.exchangebridge.smtp.outbox.NewMessage;
import io.exchangebridge.smtp.outbox.OutboxStore;
import io.exchangebridge.smtp.outbox.StoredMessage;
import io.exchangebridge.smtp.support.NoWorkersProfile;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Two relays on one database claim and "deliver" messages (every claimed message counts as handed to Exchange, then
 * marked SENT in batches) while cancels of the same messages run against them: no message is both cancelled and handed
 * to Exchange, and each ends SENT or CANCELLED as its cancel's answer said.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(NoWorkersProfile.class)
class CancelRaceTest {

    @Inject
    OutboxStore outbox;

    @Inject
    MessageLifecycle lifecycle;

    @Test
    void aMessageIsNeverBothCancelledAndSent() throws Exception {
        List<UUID> stored = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            stored.add(outbox.enqueue(new NewMessage("race", null, null, "a@example.com", List.of("b@example.com"),
                    "<" + UUID.randomUUID() + "@t>", ("m" + i).getBytes(StandardCharsets.US_ASCII), null)).id());
        }
        Set<UUID> ours = Set.copyOf(stored);
        List<UUID> handedToExchange = Collections.synchronizedList(new ArrayList<>());
        List<UUID> cancelled = Collections.synchronizedList(new ArrayList<>());
        List<UUID> refused = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        Callable<Void> relay = () -> {
            start.await();
            List<ClaimedMessage> batch;
            while (!(batch = outbox.claim(5, Duration.ofMinutes(5))).isEmpty()) {
                List<OutboxStore.SentMark> marks = new ArrayList<>();
                for (ClaimedMessage m : batch) {
                    if (ours.contains(m.id())) {
                        handedToExchange.add(m.id());
                    }
                    marks.add(new OutboxStore.SentMark(m.id(), m.attempts(), "250 2.0.0 OK", null));
                }
                outbox.markSent(marks);
            }
            return null;
        };
        List<UUID> shuffled = new ArrayList<>(stored);
        Collections.shuffle(shuffled);
        Callable<Void> canceller = () -> {
            start.await();
            for (UUID id : shuffled) {
                switch (lifecycle.cancel(id, "race")) {
                    case LifecycleResult.Changed changed -> cancelled.add(id);
                    case LifecycleResult.Refused no -> refused.add(id);
                    case LifecycleResult.NotFound missing -> throw new AssertionError("lost " + id);
                }
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Void>> running = List.of(pool.submit(relay), pool.submit(relay), pool.submit(canceller));
            start.countDown();
            for (Future<Void> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(!cancelled.isEmpty() && !handedToExchange.isEmpty(),
                "the race had both outcomes: " + cancelled.size() + " cancelled, " + handedToExchange.size() + " sent");
        Set<UUID> both = new HashSet<>(cancelled);
        both.retainAll(handedToExchange);
        assertEquals(Set.of(), both, "never both cancelled and handed to Exchange");
        assertEquals(stored.size(), cancelled.size() + refused.size());
        assertEquals(new HashSet<>(handedToExchange).size(), handedToExchange.size(), "none sent twice");
        for (UUID id : stored) {
            StoredMessage m = outbox.find(id).orElseThrow();
            MessageStatus expected = cancelled.contains(id) ? MessageStatus.CANCELLED : MessageStatus.SENT;
            assertEquals(expected, m.status(), id.toString());
        }
        assertEquals(Set.copyOf(refused), new HashSet<>(handedToExchange), "refused exactly those being sent");
    }
}
