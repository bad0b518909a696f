package io.exchangebridge.importer.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.exchangebridge.foundation.tracing.ContinuedSpan;
import io.quarkus.logging.Log;

/**
 * The import workers of one replica: {@code parallel} threads, each taking one job at a time from the shared queue and
 * importing its mailbox under the mailbox lease, so at most {@code parallel} mailboxes are imported here at once. Idle
 * workers look again every {@code pollEvery}, or at once when a job is queued on this replica. A plain class so that a
 * test can run a second "replica" (another name and holders) on the same database.
 */
final class JobWorkers {

    private final ImportJobs jobs;
    private final ImportRunner runner;
    private final String replica;
    private final int parallel;
    private final Duration pollEvery;
    private final Duration lease;
    private final int maxAttempts;
    private final ScheduledExecutorService heartbeat;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean halted;

    JobWorkers(ImportJobs jobs, ImportRunner runner, String replica, int parallel, Duration pollEvery, Duration lease,
            int maxAttempts) {
        this.jobs = jobs;
        this.runner = runner;
        this.replica = replica;
        this.parallel = Math.max(1, parallel);
        this.pollEvery = pollEvery;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("import-lease-" + replica).daemon().factory());
    }

    String replica() {
        return replica;
    }

    void start() {
        running = true;
        for (int i = 0; i < parallel; i++) {
            threads.add(Thread.ofPlatform().name("import-job-" + replica + "-" + i).daemon().start(this::loop));
        }
        Log.infof("Started %d import workers on replica %s", parallel, replica);
    }

    /**
     * Stops taking jobs; imports under way are interrupted and their jobs put back in the queue for another worker.
     */
    void stop() {
        stopping = true;
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heartbeat.shutdownNow();
    }

    /**
     * As if the replica's process died: no more lease renewals, no more jobs taken; imports under way are left as they
     * are and their jobs are taken again once their leases run out (for tests).
     */
    void halt() {
        halted = true;
        running = false;
        heartbeat.shutdownNow();
    }

    private void loop() {
        while (running) {
            long seen = jobs.wakes();
            Optional<ImportJobs.Claimed> job;
            try {
                job = jobs.claim(replica, replica + "/" + UUID.randomUUID(), lease);
            } catch (RuntimeException e) {
                Log.warnf("Taking an import job failed: %s", e.getClass().getSimpleName());
                job = Optional.empty();
            }
            if (job.isPresent()) {
                work(job.get());
            } else if (!jobs.await(pollEvery, seen)) {
                return;
            }
        }
    }

    private void work(ImportJobs.Claimed job) {
        try {
            if (job.attempts() > maxAttempts) {
                jobs.finish(job, MailboxResult.notStarted(job.mailboxId(), ImportStatus.FAILED,
                        FailureCode.INTERNAL_ERROR, "The import of this mailbox was taken " + (job.attempts() - 1)
                                + " times and its replica stopped each time; it is not taken again in this run.",
                        Instant.now()));
                return;
            }
            MailboxResult result;
            try (ContinuedSpan span = runner.traces().job(job.traceparent(), job.runId(), job.mailboxId(),
                    job.attempts())) {
                result = runner.importWithLease(job.runId(), job.mailboxId(), job.holder(), lease, heartbeat);
                runner.traces().ended(span, result.status().name(), result.status() == ImportStatus.FAILED);
            }
            if (halted) {
                return; // a dead process writes nothing
            }
            if (stopping && result.status() == ImportStatus.FAILED) {
                // interrupted by the shutdown: another worker takes the job at once instead of after the lease
                jobs.requeue(job);
            } else if (result.status() == ImportStatus.SKIPPED && result.errorCode() == FailureCode.LEASE_HELD) {
                // someone took the mailbox lease between our take and our acquire: the job waits for it
                jobs.requeue(job);
            } else if (!jobs.finish(job, result)) {
                Log.infof("Import job of mailbox account %s in run %s was taken over; its result was not recorded",
                        job.mailboxId(), job.runId());
            }
        } catch (RuntimeException e) {
            Log.errorf("Import job of mailbox account %s failed: %s", job.mailboxId(), e.getClass().getName());
        }
    }
}
