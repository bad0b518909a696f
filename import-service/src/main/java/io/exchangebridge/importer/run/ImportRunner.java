package io.exchangebridge.importer.run;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.scope.MailboxScope;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts import runs and returns at once; mailboxes are imported by a bounded pool
 * ({@code importer.run.parallel-mailboxes}), each under its PostgreSQL lease, renewed while the import runs.
 */
@ApplicationScoped
public class ImportRunner {

    /** The trigger of runs started through the REST API. */
    private static final String API = "api";

    private final MailboxImporter importer;
    private final MailboxService mailboxes;
    private final MailboxLease lease;
    private final ImportRunRepository runs;
    private final ImporterConfig config;
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeat;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    public ImportRunner(MailboxImporter importer, MailboxService mailboxes, MailboxLease lease,
            ImportRunRepository runs, ImporterConfig config) {
        this.importer = importer;
        this.mailboxes = mailboxes;
        this.lease = lease;
        this.runs = runs;
        this.config = config;
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.run().parallelMailboxes()),
                Thread.ofVirtual().name("import-run-", 0).factory());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lease-").factory());
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        pool.shutdownNow();
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

    /** A run over the given mailboxes; audited when {@code auditDetail} is given (a caller's request). */
    private RunStarted start(String trigger, List<String> mailboxIds, String auditDetail) {
        UUID runId = runs.create(trigger, mailboxIds, auditDetail);
        for (String id : mailboxIds) {
            pool.submit(() -> {
                MailboxResult result = importWithLease(runId, id, instance + "/" + runId);
                runs.finish(runId, result);
            });
        }
        return new RunStarted(runId, mailboxIds);
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
        Instant started = Instant.now();
        try {
            Optional<MailboxAccount> account = mailboxes.account(mailboxId);
            if (account.isEmpty()) {
                return MailboxResult.notStarted(mailboxId, ImportStatus.FAILED, FailureCode.MAILBOX_ACCOUNT_DELETED,
                        "The mailbox account was deleted before the run reached it.", started);
            }
            Duration duration = config.run().leaseDuration();
            if (!lease.acquire(mailboxId, holder, duration)) {
                return MailboxResult.notStarted(mailboxId, ImportStatus.SKIPPED, FailureCode.LEASE_HELD,
                        "Another import of this mailbox is running (here or on another replica); it was not started twice.",
                        started);
            }
            long every = Math.max(1000, duration.toMillis() / 3);
            ScheduledFuture<?> renewal = heartbeat.scheduleAtFixedRate(() -> {
                try {
                    if (!lease.renew(mailboxId, holder, duration)) {
                        Log.warnf("Lease of mailbox account %s was lost", mailboxId);
                    }
                } catch (RuntimeException e) {
                    Log.warnf("Lease renewal of mailbox account %s failed: %s", mailboxId,
                            e.getClass().getSimpleName());
                }
            }, every, every, TimeUnit.MILLISECONDS);
            try {
                if (runId != null) {
                    runs.running(runId, mailboxId);
                }
                MailboxResult result = importer.importMailbox(account.get(), started);
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
