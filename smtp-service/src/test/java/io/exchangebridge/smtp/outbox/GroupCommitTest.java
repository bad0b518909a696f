package io.exchangebridge.smtp.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The group commit of the outbox's intake, without a database: who writes what, and who returns when. */
class GroupCommitTest {

    @Test
    void concurrentItemsAreEachWrittenOnceAndTogether() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer> commit = new GroupCommit<>(items -> {
            firstWriteStarted.countDown();
            await(release);
            batches.add(items);
        }, e -> true);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> callers = new ArrayList<>();
            callers.add(pool.submit(() -> commit.write(0)));
            await(firstWriteStarted);
            // the first write is under way: these queue up behind it
            for (int i = 1; i < 20; i++) {
                int item = i;
                callers.add(pool.submit(() -> commit.write(item)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commit.waiting() == 19);
            for (Future<?> caller : callers) {
                assertFalse(caller.isDone(), "no caller returns before its item is written");
            }
            release.countDown();
            for (Future<?> caller : callers) {
                caller.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> all = batches.stream().flatMap(List::stream).toList();
        assertEquals(20, all.size(), "every item written");
        assertEquals(Set.copyOf(all), new HashSet<>(all), "none twice");
        assertEquals(List.of(0), batches.getFirst());
        assertEquals(2, batches.size(), "the 19 that waited were written together: " + batches);
    }

    @Test
    void aRefusedItemFailsOnlyItsOwnCaller() throws Exception {
        List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer> commit = new GroupCommit<>(items -> {
            firstWriteStarted.countDown();
            await(release);
            if (items.contains(13)) {
                throw new IllegalStateException("refused");
            }
            stored.addAll(items);
        }, e -> e.getMessage().equals("refused"));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> first = pool.submit(() -> commit.write(1));
            await(firstWriteStarted);
            Future<?> good = pool.submit(() -> commit.write(2));
            Future<?> bad = pool.submit(() -> commit.write(13));
            Future<?> other = pool.submit(() -> commit.write(3));
            // all three wait for the first write, so they are written together, and that batch is refused
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commit.waiting() == 3);
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            good.get(30, TimeUnit.SECONDS);
            other.get(30, TimeUnit.SECONDS);
            Exception e = assertThrows(Exception.class, () -> bad.get(30, TimeUnit.SECONDS));
            assertEquals("refused", e.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(1, 2, 3), Set.copyOf(stored));
        assertEquals(3, stored.size());
    }

    @Test
    void aDatabaseOutageFailsTheWholeBatchWithoutTryingEachAgain() throws Exception {
        List<List<Integer>> attempts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer> commit = new GroupCommit<>(items -> {
            attempts.add(items);
            firstWriteStarted.countDown();
            await(release);
            if (!items.equals(List.of(1))) {
                throw new IllegalStateException("database away");
            }
        }, e -> false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = pool.submit(() -> commit.write(1));
            await(firstWriteStarted);
            List<Future<?>> others = List.of(pool.submit(() -> commit.write(2)), pool.submit(() -> commit.write(3)),
                    pool.submit(() -> commit.write(4)));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commit.waiting() == 3);
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                Exception e = assertThrows(Exception.class, () -> other.get(30, TimeUnit.SECONDS));
                assertEquals("database away", e.getCause().getMessage());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, attempts.size(), "one write for the three, not one each: " + attempts);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
