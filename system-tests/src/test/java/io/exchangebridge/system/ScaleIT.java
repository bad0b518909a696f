package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;

/**
 * Many mailboxes on two import-service replicas sharing one job queue: both take jobs, one is killed mid-run, the run
 * still completes and every message is stored once. CI runs {@code scale.mailboxes} (default 100) ×
 * {@code scale.messages} (default 20); the benchmark in BENCHMARKS.md is the same test with 1,000 × 20.
 */
class ScaleIT extends SystemTest {

    static final String APP = "scale-app";
    static final int MAILBOXES = Integer.getInteger("scale.mailboxes", 100);
    static final int MESSAGES = Integer.getInteger("scale.messages", 20);

    private static String account(int i) {
        return "scale-" + i;
    }

    private static String upn(int i) {
        return account(i) + "@" + DemoTenant.DOMAIN;
    }

    /** A cheap small message (about 300 bytes): the test measures the queue and Graph calls, not MIME parsing. */
    private static byte[] message(int mailbox, int n) {
        return ("From: sender-" + n + "@example.com\r\nTo: " + upn(mailbox) + "\r\nSubject: scale " + mailbox + "/" + n
                + "\r\nMessage-ID: <scale-" + mailbox + "-" + n + "@test.example>\r\n"
                + "Date: Mon, 02 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nMessage " + n + " of mailbox " + mailbox + ".\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void twoReplicasShareTheRunAndItCompletesAfterOneIsKilled() throws Exception {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), APP);
        for (int i = 0; i < MAILBOXES; i++) {
            sim.tenant(DemoTenant.DOMAIN).user(upn(i));
            for (int n = 0; n < MESSAGES; n++) {
                sim.mail().mailbox(upn(i)).add("inbox").mime(message(i, n));
            }
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < MAILBOXES; i++) {
                int n = i;
                created.add(pool.submit(
                        () -> BridgeSetup.addMailbox(stack.importAdmin(n % 2), account(n), upn(n), APP, "MOVE")));
            }
            for (Future<?> f : created) {
                f.get();
            }
        }

        long started = System.nanoTime();
        String runId = stack.importAdmin(0).postJson("/api/imports", "").expect(202).json().get("runId").asText();
        // kill replica 2 once both replicas have finished jobs and about a quarter of the run is done
        BridgeSetup.await(() -> {
            Map<String, Integer> done = perReplica(run(0, runId), true);
            int total = done.values().stream().mapToInt(Integer::intValue).sum();
            return done.size() == 2 && total >= MAILBOXES / 4 ? true : null;
        }, Duration.ofMinutes(10), "both replicas to finish jobs");
        stack.importer(1).kill();
        long killedAt = System.nanoTime();
        JsonNode atKill = run(0, runId);
        JsonNode run;
        try {
            run = BridgeSetup.awaitRun(stack.importAdmin(0), runId, Duration.ofMinutes(30));
        } finally {
            stack.restart(stack.importer(1));
        }
        Duration total = Duration.ofNanos(System.nanoTime() - started);

        List<JsonNode> ours = ours(run);
        assertThat(ours).hasSize(MAILBOXES)
                .allSatisfy(m -> assertThat(m.path("status").asText()).as(m.toString()).isEqualTo("SUCCEEDED"));
        Map<String, Integer> perReplica = perReplica(run, false);
        assertThat(perReplica).as("jobs per replica").containsOnlyKeys("import-service-1", "import-service-2")
                .allSatisfy((replica, jobs) -> assertThat(jobs).isPositive());
        int running = ours(atKill).stream().filter(m -> m.path("status").asText().equals("RUNNING")
                && m.path("replica").asText().equals("import-service-2")).toList().size();
        assertThat(ours.stream().mapToInt(m -> m.path("imported").asInt()).sum()).as("imported in this run")
                .isEqualTo(MAILBOXES * MESSAGES);
        for (int i = 0; i < MAILBOXES; i++) {
            JsonNode page = stack.importAdmin(0).get("/api/messages?mailbox=" + account(i) + "&limit=1000").expect(200)
                    .json();
            Set<String> ids = new HashSet<>();
            page.path("items").forEach(m -> ids.add(m.path("internetMessageId").asText()));
            assertThat(page.path("items").size()).as(account(i)).isEqualTo(MESSAGES);
            assertThat(ids).as(account(i)).hasSize(MESSAGES);
            assertThat(sim.mail().mailbox(upn(i)).messages("inbox")).as(account(i)).isEmpty();
            assertThat(sim.mail().mailbox(upn(i)).messages("Imported")).as(account(i)).hasSize(MESSAGES);
        }
        System.out.printf("[scale] %d mailboxes x %d messages: run finished in %.1f s (replica 2 killed after %.1f s "
                + "with %d jobs in hand); jobs per replica %s%n", MAILBOXES, MESSAGES, total.toMillis() / 1000.0,
                (killedAt - started) / 1e9, running, perReplica);
    }

    private static JsonNode run(int instance, String runId) {
        return stack.importAdmin(instance).get("/api/imports/" + runId).expect(200).json();
    }

    private static List<JsonNode> ours(JsonNode run) {
        return StreamSupport.stream(run.path("mailboxes").spliterator(), false)
                .filter(m -> m.path("mailboxId").asText().startsWith("scale-")).toList();
    }

    /** Jobs of this test's mailboxes per replica that took them (only finished ones when {@code doneOnly}). */
    private static Map<String, Integer> perReplica(JsonNode run, boolean doneOnly) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode m : ours(run)) {
            String status = m.path("status").asText();
            if (m.hasNonNull("replica") && (!doneOnly || !(status.equals("PENDING") || status.equals("RUNNING")))) {
                counts.merge(m.path("replica").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
