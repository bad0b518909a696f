package io.exchangebridge.importer.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.metrics.ImportMetrics;
import io.exchangebridge.importer.scope.MailboxScope;
import io.exchangebridge.importer.tracing.ImportTraces;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts import runs and returns at once: a run is one job per mailbox in PostgreSQL ({@link ImportJobs}), taken by the
 * workers of every replica ({@link JobWorkers}, {@code importer.run.parallel-mailboxes} here), each import under its
 * mailbox's PostgreSQL lease, renewed with the job's lease while the import runs.
 */
@ApplicationScoped
public class ImportRunner {

    /** The trigger of runs started through the REST API. */
    private static final String API = "api";

    private final MailboxImporter importer;
    private final MailboxService mailboxes;
    private final MailboxLease lease;
    private final ImportRunRepository runs;
    private final ImportJobs jobs;
    private final ImporterConfig config;
    private final ImportMetrics metrics;
    private final ScheduledExecutorService heartbeat;
    private final ImportTraces traces;
    private JobWorkers workers;

    public ImportRunner(MailboxImporter importer, MailboxService mailboxes, MailboxLease lease,
            ImportRunRepository runs, ImportJobs jobs, ImporterConfig config, ImportTraces traces,
            ImportMetrics metrics) {
        this.traces = traces;
        this.importer = importer;
        this.mailboxes = mailboxes;
        this.lease = lease;
        this.runs = runs;
        this.jobs = jobs;
        this.config = config;
        this.metrics = metrics;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lease-").factory());
    }

    ImportTraces traces() {
        return traces;
    }

    void startWorkers(@Observes StartupEvent event) {
        workers = workers(replicaName());
        workers.start();
    }

    void stopWorkers(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.stop();
        }
        heartbeat.shutdownNow();
    }

    /** Workers with this replica's settings under {@code replica} (the application's, or a test's second replica). */
    JobWorkers workers(String replica) {
        ImporterConfig.Run run = config.run();
        return new JobWorkers(jobs, this, replica, run.parallelMailboxes(), run.pollEvery(), run.leaseDuration(),
                run.maxAttempts());
    }

    /** {@code importer.run.replica-name}, else the pod name ({@code HOSTNAME}), else the host name. */
    private String replicaName() {
        return config.run().replicaName().filter(n -> !n.isBlank()).orElseGet(() -> {
            String pod = System.getenv("HOSTNAME");
            if (pod != null && !pod.isBlank()) {
                return pod;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "replica-" + ProcessHandle.current().pid();
            }
        });
    }

    /**
     * A run over all enabled mailboxes (disabled accounts are skipped) requested through the API, audited
     * {@code import.start} "all".
     */
    public RunStarted requestAll(MailboxScope scope) {
        return start(API, mailboxes.enabledIds(scope), "all");
    }

    /** A run of one mailbox requested through the API, audited {@code import.start} with the account id. */
    public RunStarted request(String mailboxId) {
        return start(API, List.of(mailboxId), mailboxId);
    }

    /**
     * Recent runs, newest first, from the position after {@code after} (null: from the newest), each with the results
     * of the mailboxes in {@code scope} only.
     */
    public RunPage recent(RunCursor after, int limit, MailboxScope scope) {
        List<RunView> found = runs.newestFirst(after, limit + 1);
        if (found.size() <= limit) {
            return new RunPage(found.stream().map(r -> within(r, scope)).toList(), null);
        }
        List<RunView> page = found.subList(0, limit);
        return new RunPage(page.stream().map(r -> within(r, scope)).toList(),
                RunCursor.of(page.get(limit - 1)).text());
    }

    /** The run with the results of the mailboxes in {@code scope} only. */
    private static RunView within(RunView run, MailboxScope scope) {
        if (scope instanceof MailboxScope.All || run.mailboxes() == null) {
            return run;
        }
        return new RunView(run.id(), run.trigger(), run.status(), run.createdAt(), run.finishedAt(),
                run.mailboxes().stream().filter(m -> scope.covers(m.mailboxId())).toList());
    }

    /** A run over the given mailboxes, queued; audited when {@code auditDetail} is given (a caller's request). */
    private RunStarted start(String trigger, List<String> mailboxIds, String auditDetail) {
        return new RunStarted(jobs.enqueue(trigger, mailboxIds, auditDetail), mailboxIds);
    }

    /** A run, with the results of the mailboxes in {@code scope} only. */
    public Optional<RunView> find(UUID runId, MailboxScope scope) {
        return runs.find(runId).map(r -> within(r, scope));
    }

    /**
     * Imports one mailbox if its lease can be taken by {@code holder} (else SKIPPED/LEASE_HELD). Public so that a test
     * can race two "replicas" (different holders) on one database.
     */
    public MailboxResult importWithLease(UUID runId, String mailboxId, String holder) {
        return importWithLease(runId, mailboxId, holder, config.run().leaseDuration(), heartbeat);
    }

    /**
     * The same with the lease {@code duration}, renewed by {@code renewals} every third of it; with a {@code runId} the
     * renewal extends the job's lease too, so the job is taken again only once this holder stopped.
     */
    MailboxResult importWithLease(UUID runId, String mailboxId, String holder, Duration duration,
            ScheduledExecutorService renewals) {
        MailboxResult result = leasedImport(runId, mailboxId, holder, duration, renewals);
        metrics.mailboxDone(mailboxId, result.status().name(), result.imported());
        return result;
    }

    private MailboxResult leasedImport(UUID runId, String mailboxId, String holder, Duration duration,
            ScheduledExecutorService renewals) {
        Instant started = Instant.now();
        try {
            Optional<MailboxAccount> account = mailboxes.account(mailboxId);
            if (account.isEmpty()) {
                return MailboxResult.notStarted(mailboxId, ImportStatus.FAILED, FailureCode.MAILBOX_ACCOUNT_DELETED,
                        "The mailbox account was deleted before the run reached it.", started);
            }
            if (!lease.acquire(mailboxId, holder, duration)) {
                return MailboxResult.notStarted(mailboxId, ImportStatus.SKIPPED, FailureCode.LEASE_HELD,
                        "Another import of this mailbox is running (here or on another replica); it was not started twice.",
                        started);
            }
            long every = Math.max(1000, duration.toMillis() / 3);
            ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
                try {
                    if (!lease.renew(mailboxId, holder, duration)
                            || (runId != null && !jobs.renew(runId, mailboxId, holder, duration))) {
                        Log.warnf("Lease of mailbox account %s was lost", mailboxId);
                    }
                } catch (RuntimeException e) {
                    Log.warnf("Lease renewal of mailbox account %s failed: %s", mailboxId,
                            e.getClass().getSimpleName());
                }
            }, every, every, TimeUnit.MILLISECONDS);
            try {
                MailboxResult result = importer.importMailbox(account.get(), runId, started);
                Log.infof("Mailbox account %s: %s, imported %d, duplicates %d, too large %d, failed %d, "
                        + "events changed %d%s", mailboxId, result.status(), result.imported(), result.duplicates(),
                        result.tooLarge(), result.failed(), result.eventsChanged(),
                        result.errorCode() == null ? "" : " (" + result.errorCode() + ")");
                return result;
            } finally {
                renewal.cancel(false);
                lease.release(mailboxId, holder);
            }
        } catch (RuntimeException e) {
            Log.errorf("Run of mailbox account %s failed: %s", mailboxId, e.getClass().getName());
            return MailboxResult.notStarted(mailboxId, ImportStatus.FAILED, FailureCode.INTERNAL_ERROR,
                    "Unexpected error (" + e.getClass().getSimpleName() + ").", started);
        }
    }

    /** The optional in-process schedule ({@code importer.run.schedule-cron}, off by default). */
    @Scheduled(identity = "import-schedule", cron = "${importer.run.schedule-cron:off}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        RunStarted run = start("schedule", mailboxes.enabledIds(), null);
        Log.infof("Scheduled import run %s started for %d mailbox(es)", run.runId(), run.mailboxes().size());
    }
}
