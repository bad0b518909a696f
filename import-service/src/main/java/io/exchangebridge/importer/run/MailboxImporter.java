package io.exchangebridge.importer.run;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.foundation.tracing.ContinuedSpan;
import io.exchangebridge.importer.calendar.CalendarFailure;
import io.exchangebridge.importer.calendar.CalendarGraph;
import io.exchangebridge.importer.calendar.CalendarGraphClient;
import io.exchangebridge.importer.calendar.CalendarSync;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.graph.GraphClient;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphPage;
import io.exchangebridge.importer.graph.GraphSession;
import io.exchangebridge.importer.mail.FolderNotFound;
import io.exchangebridge.importer.mail.MailFolders;
import io.exchangebridge.importer.mail.MailGraph;
import io.exchangebridge.importer.mail.MailGraphClient;
import io.exchangebridge.importer.mail.MailMessage;
import io.exchangebridge.importer.mailbox.AfterImport;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.message.MessageStore;
import io.exchangebridge.importer.tracing.ImportTraces;
import io.exchangebridge.importer.webhook.WebhookDispatcher;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;

/**
 * Imports one mailbox folder, exactly once per message: actions left over from a crashed run first, then every message
 * not yet imported is streamed from {@code $value} into the store, its receipt committed, and only then the
 * after-import action applied. MOVE and DELETE accounts list the folder in full (a snapshot, so moving messages out
 * does not shift the pages); NONE and MARK_READ accounts use Graph delta with the stored deltaLink. The account's
 * calendar follows in the same run ({@link CalendarSync}).
 */
@ApplicationScoped
public class MailboxImporter {

    /** What one mailbox's import works with. */
    private record Run(MailboxAccount account, UUID runId, MailGraph mail, MailFolders folders, RunTally tally) {
    }

    private final GraphClient sessions;
    private final MailGraphClient graph;
    private final CalendarGraphClient calendars;
    private final CalendarSync calendarSync;
    private final CredentialClient tokens;
    private final MessageStore store;
    private final MailboxService mailboxes;
    private final ImportCheckpoints checkpoints;
    private final ImporterConfig config;
    private final WebhookDispatcher webhooks;
    private final ImportTraces traces;

    public MailboxImporter(GraphClient sessions, MailGraphClient graph, CalendarGraphClient calendars,
            CalendarSync calendarSync, CredentialClient tokens, MessageStore store, MailboxService mailboxes,
            ImportCheckpoints checkpoints, ImporterConfig config, WebhookDispatcher webhooks, ImportTraces traces) {
        this.traces = traces;
        this.sessions = sessions;
        this.graph = graph;
        this.calendars = calendars;
        this.calendarSync = calendarSync;
        this.tokens = tokens;
        this.store = store;
        this.mailboxes = mailboxes;
        this.checkpoints = checkpoints;
        this.config = config;
        this.webhooks = webhooks;
    }

    /**
     * Imports the account's folder (if it imports mail), then syncs its calendar (if it has one), on one Graph session:
     * one Retry-After gate and concurrency limit for both. Never throws: every outcome is a {@link MailboxResult}; the
     * first failure is the result's, and a failed mail import does not keep the calendar from syncing. Stored messages
     * carry {@code runId} (null outside a run).
     */
    public MailboxResult importMailbox(MailboxAccount account, UUID runId, Instant startedAt) {
        RunTally tally = new RunTally(account.id(), startedAt);
        String credential = account.credentialId();
        GraphSession session = sessions.session(account.mailbox(),
                () -> tokens.token(credential, MailboxService.GRAPH),
                rejected -> tokens.replace(credential, MailboxService.GRAPH, rejected));
        ImportFailure failure = null;
        if (account.importMail()) {
            MailGraph mail = graph.on(session, account.mailbox());
            failure = attempt(account, () -> execute(new Run(account, runId, mail, new MailFolders(mail), tally)),
                    e -> ImportFailures.graph(e, account));
        }
        if (account.calendar() != null) {
            CalendarGraph calendar = calendars.on(session, account.mailbox());
            ImportFailure calendarFailure = attempt(account,
                    () -> calendarSync.sync(account, calendar, tally::eventsChanged),
                    e -> ImportFailures.calendar(e, account));
            webhooks.wake(); // event changes queue their webhooks as they are stored
            failure = failure != null ? failure : calendarFailure;
        }
        return failure == null ? tally.finished() : tally.failed(failure);
    }

    /** Runs one part of the import; the failure that ended it, or null. */
    private static ImportFailure attempt(MailboxAccount account, Runnable part,
            Function<GraphException, ImportFailure> graphFailure) {
        try {
            part.run();
            return null;
        } catch (CredentialFailure f) {
            return ImportFailures.credential(f);
        } catch (FolderNotFound f) {
            return ImportFailures.folderNotFound(f, account);
        } catch (CalendarFailure.NotFound f) {
            return ImportFailures.calendarNotFound(f);
        } catch (ImportFailure f) {
            return f;
        } catch (GraphException e) {
            return graphFailure.apply(e);
        } catch (RuntimeException e) {
            Log.errorf(e, "Import of mailbox account %s failed: %s", account.id(), e.getClass().getName());
            return new ImportFailure(FailureCode.INTERNAL_ERROR, "Unexpected error (" + e.getClass().getSimpleName()
                    + "); the next run resumes where this one stopped.");
        }
    }

    private void execute(Run run) {
        MailboxAccount account = run.account();
        String folderId = run.folders().existing(account.folder());
        for (MessageStore.Receipt pending : store.pendingActions(account.id())) {
            applyAction(run, pending.graphId());
            store.actionDone(pending.id());
            run.tally().actionApplied();
        }
        if (account.afterImport() == AfterImport.NONE || account.afterImport() == AfterImport.MARK_READ) {
            importDelta(run, folderId);
        } else {
            processAll(run, listFolder(run, folderId));
        }
    }

    private static List<MailMessage> listFolder(Run run, String folderId) {
        GraphPage<MailMessage> page = run.mail().messages(folderId, run.account().onlyUnread());
        List<MailMessage> all = new ArrayList<>(page.items());
        while (page.nextLink().isPresent()) {
            page = run.mail().messages(page.nextLink().get());
            all.addAll(page.items());
        }
        return all;
    }

    /** Changes since the stored deltaLink (or all messages), processed; the new deltaLink saved if nothing failed. */
    private void importDelta(Run run, String folderId) {
        MailboxAccount account = run.account();
        MailGraph mail = run.mail();
        Optional<URI> next = Optional.ofNullable(account.deltaLink()).map(mail::link);
        List<MailMessage> changed = new ArrayList<>();
        boolean restarted = false;
        GraphPage<MailMessage> page;
        while (true) {
            try {
                page = next.isPresent() ? mail.delta(next.get()) : mail.delta(folderId);
            } catch (GraphException e) {
                if (!e.staleDeltaToken() || restarted) {
                    throw e;
                }
                Log.infof("Delta token of mailbox account %s is stale; starting a full sync", account.id());
                restarted = true;
                changed.clear();
                next = Optional.empty();
                continue;
            }
            changed.addAll(page.items());
            next = page.nextLink();
            if (next.isEmpty()) {
                break;
            }
        }
        processAll(run, changed);
        Optional<String> deltaLink = page.deltaLink();
        if (deltaLink.isPresent() && !run.tally().anyMessageFailed()) {
            mail.link(deltaLink.get());
            mailboxes.saveDeltaLink(account.id(), deltaLink.get());
        }
    }

    private void processAll(Run run, List<MailMessage> messages) {
        Context job = Context.current(); // the message workers' threads do not inherit it
        MessageWorkers.forEach("import-" + run.account().id(), config.graph().concurrencyPerMailbox(), messages,
                m -> {
                    try (ContinuedSpan span = traces.message(job)) {
                        process(run, m);
                    }
                });
    }

    private void process(Run run, MailMessage m) {
        MailboxAccount account = run.account();
        RunTally tally = run.tally();
        try {
            Optional<MessageStore.Receipt> receipt = store.receipt(account.id(), m.id());
            if (receipt.isPresent()) {
                if (receipt.get().actionPending()) {
                    applyAction(run, m.id());
                    store.actionDone(receipt.get().id());
                    tally.actionApplied();
                } else if (account.afterImport() != AfterImport.MARK_READ || !m.read()) {
                    tally.duplicate();
                }
                return;
            }
            if (account.onlyUnread() && m.read()) {
                return;
            }
            long size = m.size() >= 0 ? m.size() : run.mail().message(m.id()).size();
            if (size > account.maxMessageBytes()) {
                tally.tooLarge("Messages over maxMessageBytes (" + account.maxMessageBytes() + ") were "
                        + (account.oversizeFolder() != null
                                ? "moved to '" + account.oversizeFolder() + "'"
                                : "left in place")
                        + ", e.g. one of " + size + " bytes.");
                if (account.oversizeFolder() != null) {
                    run.mail().move(m.id(), run.folders().target(account.oversizeFolder()));
                }
                return;
            }
            if (m.internetMessageId() != null
                    && store.receiptByMessageId(account.id(), m.internetMessageId()).isPresent()) {
                tally.duplicate();
                applyAction(run, m.id());
                return;
            }
            boolean pending = account.afterImport() != AfterImport.NONE;
            MessageStore.Stored stored = run.mail().mime(m.id(),
                    in -> store.store(account.id(), m.id(), m.internetMessageId(), in, pending, run.runId()));
            if (stored.id().isEmpty()) {
                // Stored meanwhile under the same Message-ID or by another instance: a duplicate, handled alike.
                tally.duplicate();
                applyAction(run, m.id());
                return;
            }
            tally.imported();
            if (stored.webhookQueued()) {
                webhooks.wake();
            }
            checkpoints.afterStore(account.id(), m.id());
            if (pending) {
                applyAction(run, m.id());
                store.actionDone(stored.id().get());
                tally.actionApplied();
            }
        } catch (GraphException e) {
            if (ImportFailures.fatal(e)) {
                throw e;
            }
            if (!e.itemNotFound()) { // not found: the message left the folder meanwhile
                tally.messageFailed("Message could not be imported: Graph " + e.status() + " " + e.code() + " ("
                        + e.getMessage() + "); retried in the next run.");
            }
        }
    }

    private static void applyAction(Run run, String id) {
        try {
            switch (run.account().afterImport()) {
                case MOVE -> run.mail().move(id, run.folders().target(run.account().moveToFolder()));
                case MARK_READ -> run.mail().markRead(id);
                case DELETE -> run.mail().delete(id);
                case NONE -> {
                }
            }
        } catch (GraphException e) {
            if (!e.itemNotFound()) {
                throw e; // not found: gone already, nothing left to do
            }
        }
    }
}
