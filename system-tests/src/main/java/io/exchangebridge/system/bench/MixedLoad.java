package io.exchangebridge.system.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;
import io.exchangebridge.system.ApiClient;
import io.exchangebridge.system.BridgeSetup;

/**
 * The memory benchmark's mixed load, from this process: token hand-outs (about 100/s), REST mail through the relay
 * (about 5/s, delivered to the simulated Exchange over SMTP) and, every 10 s, an import run of the corpus messages
 * seeded since the last one (one round of the standard test-mail corpus, one 1 MB attachment among them). Each
 * service's RSS is sampled every second.
 */
final class MixedLoad {

    private final ExchangeSimulator simulator;
    private final ApiClient tokenClient;
    private final ApiClient importAdmin;
    private final ApiClient sender;
    private final String credentialId;
    private final String mailboxId;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong mails = new AtomicLong();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    MixedLoad(ExchangeSimulator simulator, ApiClient tokenClient, ApiClient importAdmin, ApiClient sender,
            String credentialId, String mailboxId) {
        this.simulator = simulator;
        this.tokenClient = tokenClient;
        this.importAdmin = importAdmin;
        this.sender = sender;
        this.credentialId = credentialId;
        this.mailboxId = mailboxId;
    }

    /** Runs the load for {@code length}; answers the highest RSS sampled per service (MiB). */
    Map<String, Long> run(Duration length, Map<String, Long> pids) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        Map<String, Long> highest = new ConcurrentHashMap<>();
        List<Thread> threads = List.of(
                Thread.ofPlatform().name("bench-tokens").start(() -> paced(end, 10, () -> {
                    tokenClient.postJson("/api/credentials/" + credentialId + "/token", Map.of("resource", "graph"))
                            .expect(200);
                    tokens.incrementAndGet();
                })),
                Thread.ofPlatform().name("bench-mail").start(() -> paced(end, 200, () -> {
                    sender.postJson("/api/messages", Map.of("from", DemoTenant.SHARED, "to", List.of(DemoTenant.BOB),
                            "subject", "Memory benchmark " + mails.get(), "text", "A small message.")).expect(202);
                    mails.incrementAndGet();
                })),
                Thread.ofPlatform().name("bench-imports").start(() -> {
                    long seed = 1;
                    while (System.nanoTime() < end) {
                        try {
                            for (TestMailSample sample : TestMailCorpus.standard(seed)) {
                                simulator.mail().mailbox(DemoTenant.SHARED).add("inbox")
                                        .mime(sample.mail().toByteArray());
                            }
                            seed += 1_000;
                            var run = BridgeSetup.awaitRun(importAdmin,
                                    BridgeSetup.startImport(importAdmin, mailboxId), Duration.ofMinutes(2));
                            imported.addAndGet(run.path("mailboxes").path(0).path("imported").asInt());
                        } catch (RuntimeException e) {
                            failed("import", e);
                        }
                        sleep(10_000);
                    }
                }),
                Thread.ofPlatform().name("bench-rss").start(() -> paced(end, 1_000, () -> pids.forEach(
                        (name, pid) -> highest.merge(name, Rss.currentMiB(pid), Math::max)))));
        for (Thread thread : threads) {
            thread.join();
        }
        return highest;
    }

    String summary() {
        return "tokens=" + tokens + " mails=" + mails + " imported=" + imported + " errors=" + errors;
    }

    private void paced(long end, long everyMillis, Runnable step) {
        while (System.nanoTime() < end) {
            try {
                step.run();
            } catch (RuntimeException e) {
                failed(Thread.currentThread().getName(), e);
            }
            sleep(everyMillis);
        }
    }

    /** Counted; the first few are shown (answers of the services: problem details, never a secret). */
    private void failed(String what, RuntimeException e) {
        if (errors.incrementAndGet() <= 5) {
            System.err.println("load error (" + what + "): " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
