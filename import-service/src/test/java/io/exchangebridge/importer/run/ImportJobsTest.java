package io.exchangebridge.importer.run;

import static io.exchangebridge.importer.testing.Api.as;
import static io.exchangebridge.importer.testing.Api.createMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.importer.testing.Api;
import io.exchangebridge.importer.testing.SimulatorResource;
import io.exchangebridge.importer.testing.TestMail;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The job queue shared by replicas: several workers on one database, a holder that dies, coalesced requests. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorResource.class)
class ImportJobsTest {

    @Inject
    ImportRunner runner;

    @Inject
    ImportJobs jobs;

    @Inject
    ImportRunRepository runs;

    @Inject
    MailboxLease lease;

    /** An account "id" on a new simulated mailbox holding {@code count} messages, imported with MOVE. */
    private static MailboxStore account(String id, int count) {
        String upn = id + "@contoso.onmicrosoft.com";
        SimulatorResource.sim().tenant(SimulatorResource.TENANT).user(upn);
        MailboxStore box = SimulatorResource.sim().mail().mailbox(upn);
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        List<byte[]> mimes = TestMail.plain(id, 0, count);
        for (int i = 0; i < mimes.size(); i++) {
            box.add("inbox").receivedAt(t.plusSeconds(i)).mime(mimes.get(i));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("mailbox", upn);
        body.put("credentialId", SimulatorResource.CREDENTIAL);
        body.put("afterImport", "MOVE");
        createMailbox(body);
        return box;
    }

    private static int storedCount(String mailboxId) {
        return as("reader").queryParam("mailbox", mailboxId).queryParam("limit", 1000).get("/api/messages").then()
                .statusCode(200).extract().jsonPath().getList("items").size();
    }

    private static JsonPath view(UUID runId) {
        return as("reader").get("/api/imports/" + runId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void workersOfTwoReplicasBothTakeJobsAndEachMessageIsStoredOnce() {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "shared-" + i).toList();
        Map<String, MailboxStore> boxes = new HashMap<>();
        for (String id : ids) {
            boxes.put(id, account(id, 5));
            // slow enough that no single replica's four workers drain the queue before the other looks
            SimulatorResource.sim().mail().faults().slowNext(id + "@contoso.onmicrosoft.com", 2,
                    Duration.ofMillis(400));
        }
        JobWorkers second = runner.workers("replica-b");
        second.start();
        try {
            UUID runId = jobs.enqueue("test", ids, null);
            JsonPath run = Api.awaitRun(runId.toString());

            List<Map<String, Object>> results = run.getList("mailboxes");
            assertThat(results).hasSize(12).allSatisfy(m -> assertThat(m.get("status")).isEqualTo("SUCCEEDED"));
            Map<Object, Long> perReplica = results.stream()
                    .collect(Collectors.groupingBy(m -> m.get("replica"), Collectors.counting()));
            assertThat(perReplica).as("jobs per replica").hasSize(2).containsKey("replica-b")
                    .allSatisfy((replica, n) -> assertThat(n).isPositive());
            assertThat(results.stream().mapToInt(m -> (Integer) m.get("imported")).sum()).isEqualTo(60);
            for (String id : ids) {
                assertThat(storedCount(id)).as(id).isEqualTo(5);
                assertThat(boxes.get(id).messages("Imported")).hasSize(5);
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void jobOfAHolderKilledMidImportIsTakenAgainAndEachMessageIsStoredOnce() throws Exception {
        MailboxStore box = account("killed", 20);
        String doomed = "doomed/" + UUID.randomUUID();
        Duration shortLease = Duration.ofSeconds(3);
        CountDownLatch resurrect = new CountDownLatch(1);
        AtomicInteger parked = new AtomicInteger();
        // Every message the doomed holder stores parks its worker before the MOVE: the import stops part way.
        QuarkusMock.installMockForType(new ImportCheckpoints() {
            @Override
            public void afterStore(String mailboxId, String graphId) {
                if ("killed".equals(mailboxId) && lease.renew("killed", doomed, shortLease)) {
                    parked.incrementAndGet();
                    try {
                        resurrect.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, ImportCheckpoints.class);
        // The job as the doomed replica took it (written directly, so no live worker takes it first).
        UUID runId = UUID.randomUUID();
        runs.update("INSERT INTO import_run (id, trigger, created_at) VALUES (?, 'test', now())", runId);
        runs.update("INSERT INTO import_run_mailbox (run_id, mailbox_id, status, queued_at, holder, replica, attempts, "
                + "lease_expires_at, started_at) VALUES (?, 'killed', 'RUNNING', now(), ?, 'doomed', 1, "
                + "now() + interval '3 seconds', now())", runId, doomed);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<MailboxResult> doomedImport = CompletableFuture
                .supplyAsync(() -> runner.importWithLease(runId, "killed", doomed, shortLease, heartbeat));
        await().atMost(Duration.ofSeconds(20)).until(() -> parked.get() > 0);
        JsonPath during = view(runId);
        assertThat(during.getString("status")).isEqualTo("RUNNING");
        assertThat(during.getString("mailboxes[0].status")).isEqualTo("RUNNING");
        assertThat(during.getString("mailboxes[0].replica")).isEqualTo("doomed");

        heartbeat.shutdownNow(); // the doomed replica dies: its leases run out
        JsonPath done = Api.awaitRun(runId.toString()).setRootPath("mailboxes[0]");

        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("replica")).isNotEqualTo("doomed");
        assertThat(parked.get()).as("stored by the doomed holder").isBetween(1, 4);
        assertThat(done.getInt("imported")).as("what both takes stored, the dead one's included").isEqualTo(20);
        assertThat(done.getInt("actionsApplied")).as("the doomed holder's moves included").isEqualTo(20);
        assertThat(storedCount("killed")).isEqualTo(20);
        assertThat(box.messages("inbox")).isEmpty();
        assertThat(box.messages("Imported")).hasSize(20);
        assertThat(runs.update("UPDATE import_run_mailbox SET attempts = attempts WHERE run_id = ? AND attempts = 2",
                runId)).as("taken a second time").isEqualTo(1);

        resurrect.countDown(); // a frozen process waking up late must not overwrite the new holder's result
        MailboxResult late = doomedImport.get(60, TimeUnit.SECONDS);
        assertThat(jobs.finish(new ImportJobs.Claimed(runId, "killed", doomed, 1), late)).isFalse();
        assertThat(view(runId).getString("mailboxes[0].replica")).isNotEqualTo("doomed");
        assertThat(storedCount("killed")).isEqualTo(20);
    }

    @Test
    void aJobWaitsForABusyMailboxAndRequestsCoalesceIntoTheQueuedJob() throws Exception {
        MailboxStore box = account("coalesce", 3);
        assertThat(lease.acquire("coalesce", "someone-else", Duration.ofMinutes(1))).isTrue();
        List<CompletableFuture<UUID>> bursts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bursts.add(CompletableFuture.supplyAsync(() -> jobs.enqueueUnlessQueued("coalesce", "notification")));
        }
        Set<UUID> runIds = bursts.stream().map(CompletableFuture::join).collect(Collectors.toSet());
        assertThat(runIds).as("one queued job covers them all").hasSize(1);
        UUID runId = runIds.iterator().next();

        long looked = jobs.looksStarted(); // a look started after this sees the queued job
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.latestLookDone() > looked);
        // the workers looked, and left the job queued
        JsonPath queued = view(runId);
        assertThat(queued.getString("trigger")).isEqualTo("notification");
        assertThat(queued.getString("status")).isEqualTo("RUNNING");
        assertThat(queued.getString("mailboxes[0].status")).isEqualTo("PENDING");
        assertThat(queued.getString("mailboxes[0].replica")).isNull();
        assertThat(box.messages("inbox")).hasSize(3);

        lease.release("coalesce", "someone-else");
        JsonPath done = Api.awaitRun(runId.toString()).setRootPath("mailboxes[0]");
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getInt("imported")).isEqualTo(3);
        assertThat(done.getString("replica")).isNotBlank();

        UUID next = jobs.enqueueUnlessQueued("coalesce", "notification");
        assertThat(next).as("no job is queued any more: a new run").isNotEqualTo(runId);
        assertThat(Api.awaitRun(next.toString()).getString("mailboxes[0].status")).isEqualTo("SUCCEEDED");
        assertThat(storedCount("coalesce")).isEqualTo(3);
    }
}
