package io.exchangebridge.importer.run;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.graph.GraphClient;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphSession;
import io.exchangebridge.importer.mailbox.AfterImport;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.message.MessageStore;
import io.quarkus.logging.Log;

/**
 * Imports one mailbox folder, exactly once per message: actions left over from a crashed run first, then every message
 * not yet imported is streamed from {@code $value} into the store, its receipt committed, and only then the
 * after-import action applied. MOVE and DELETE accounts list the folder in full (a snapshot, so moving messages out
 * does not shift the pages); NONE and MARK_READ accounts use Graph delta with the stored deltaLink.
 */
@ApplicationScoped
public class MailboxImporter {

    private static final Set<String> WELL_KNOWN = Set.of("msgfolderroot", "inbox", "drafts", "sentitems",
            "deleteditems", "archive", "junkemail", "outbox", "conversationhistory");
    private static final String SIZE_EXPAND = "$expand=singleValueExtendedProperties($filter=id%20eq%20'Long%200x0E08')";

    /** A message seen in the folder. {@code size} is -1 when unknown. */
    record Candidate(String id, String internetMessageId, boolean read, long size) {
    }

    /** An error that ends the mailbox's run, with a code and an actionable reason. */
    static final class MailboxFailure extends RuntimeException {
        final String code;

        MailboxFailure(String code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }
    }

    private final GraphClient graph;
    private final CredentialClient tokens;
    private final MessageStore store;
    private final MailboxService mailboxes;
    private final ImportCheckpoints checkpoints;
    private final ImporterConfig config;

    public MailboxImporter(GraphClient graph, CredentialClient tokens, MessageStore store, MailboxService mailboxes,
            ImportCheckpoints checkpoints, ImporterConfig config) {
        this.graph = graph;
        this.tokens = tokens;
        this.store = store;
        this.mailboxes = mailboxes;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /** Imports the account's folder; never throws: every outcome is a {@link MailboxResult}. */
    public MailboxResult importMailbox(MailboxAccount account, Instant startedAt) {
        Counters n = new Counters();
        String credential = account.credentialId();
        GraphSession g = graph.session(account.mailbox(), () -> tokens.token(credential, MailboxService.GRAPH),
                rejected -> tokens.replace(credential, MailboxService.GRAPH, rejected));
        try {
            Run run = new Run(g, account, n);
            run.execute();
            String status = n.failed.get() > 0 ? "PARTIAL" : "SUCCEEDED";
            return n.result(account.id(), status, null, n.failed.get() > 0 ? n.firstFailure.get() : null, startedAt);
        } catch (CredentialFailure p) {
            return n.result(account.id(), "FAILED", credentialCode(p), credentialReason(p), startedAt);
        } catch (MailboxFailure f) {
            return n.result(account.id(), "FAILED", f.code, f.getMessage(), startedAt);
        } catch (GraphException e) {
            MailboxFailure f = classify(e, account);
            return n.result(account.id(), "FAILED", f.code, f.getMessage(), startedAt);
        } catch (RuntimeException | IOException e) {
            Log.errorf(e, "Import of mailbox account %s failed: %s", account.id(), e.getClass().getName());
            return n.result(account.id(), "FAILED", "INTERNAL_ERROR",
                    "Unexpected error (" + e.getClass().getSimpleName()
                            + "); the next run resumes where this one stopped.",
                    startedAt);
        }
    }

    static final class Counters {
        final AtomicInteger imported = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger tooLarge = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger actions = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        final AtomicReference<String> tooLargeNote = new AtomicReference<>();

        MailboxResult result(String id, String status, String code, String reason, Instant startedAt) {
            String why = reason;
            if (why == null && tooLargeNote.get() != null) {
                why = tooLargeNote.get();
            }
            return new MailboxResult(id, status, imported.get(), duplicates.get(), tooLarge.get(), failed.get(),
                    actions.get(), code, why, startedAt, Instant.now());
        }
    }

    /** The state of one mailbox run. */
    private final class Run {
        private final GraphSession g;
        private final MailboxAccount account;
        private final Counters n;
        private final Map<String, String> targets = new ConcurrentHashMap<>();

        Run(GraphSession g, MailboxAccount account, Counters n) {
            this.g = g;
            this.account = account;
            this.n = n;
        }

        void execute() throws IOException {
            String folderId;
            try {
                folderId = resolveFolder(account.folder(), false);
            } catch (GraphException e) {
                throw classify(e, account);
            }
            for (MessageStore.Receipt pending : store.pendingActions(account.id())) {
                applyAction(pending.graphId());
                store.actionDone(pending.id());
                n.actions.incrementAndGet();
            }
            boolean delta = account.afterImport() == AfterImport.NONE || account.afterImport() == AfterImport.MARK_READ;
            if (delta) {
                importDelta(folderId);
            } else {
                processAll(listFolder(folderId));
            }
        }

        private List<Candidate> listFolder(String folderId) {
            List<Candidate> all = new ArrayList<>();
            URI uri = g.user("/mailFolders/" + GraphSession.encode(folderId) + "/messages?$top="
                    + Math.min(1000, config.graph().pageSize()) + "&$select=id,internetMessageId,isRead&" + SIZE_EXPAND
                    + "&$orderby=receivedDateTime%20asc"
                    + (account.onlyUnread() ? "&$filter=isRead%20eq%20false" : ""));
            while (uri != null) {
                JsonNode page = g.get(uri);
                for (JsonNode m : page.path("value")) {
                    all.add(candidate(m));
                }
                uri = page.hasNonNull("@odata.nextLink") ? g.link(page.get("@odata.nextLink").asText()) : null;
            }
            return all;
        }

        private void importDelta(String folderId) {
            URI initial = g.user("/mailFolders/" + GraphSession.encode(folderId)
                    + "/messages/delta?$select=id,internetMessageId,isRead");
            URI uri = account.deltaLink() != null ? g.link(account.deltaLink()) : initial;
            String prefer = "odata.maxpagesize=" + Math.min(1000, config.graph().pageSize());
            List<Candidate> changed = new ArrayList<>();
            String deltaLink = null;
            boolean restarted = false;
            while (uri != null) {
                JsonNode page;
                try {
                    page = g.get(uri, prefer);
                } catch (GraphException e) {
                    if ((e.status() == 410 || "SyncStateNotFound".equalsIgnoreCase(e.code())) && !restarted) {
                        Log.infof("Delta token of mailbox account %s is stale; starting a full sync", account.id());
                        restarted = true;
                        changed.clear();
                        uri = initial;
                        continue;
                    }
                    throw e;
                }
                for (JsonNode m : page.path("value")) {
                    if (!m.has("@removed")) {
                        changed.add(candidate(m));
                    }
                }
                if (page.hasNonNull("@odata.nextLink")) {
                    uri = g.link(page.get("@odata.nextLink").asText());
                } else {
                    deltaLink = page.path("@odata.deltaLink").asText(null);
                    uri = null;
                }
            }
            processAll(changed);
            if (deltaLink != null && n.failed.get() == 0) {
                g.link(deltaLink);
                mailboxes.saveDeltaLink(account.id(), deltaLink);
            }
        }

        private Candidate candidate(JsonNode m) {
            long size = -1;
            for (JsonNode p : m.path("singleValueExtendedProperties")) {
                if (p.path("id").asText("").toLowerCase(Locale.ROOT).replace("0x0e08", "0xe08").equals("long 0xe08")) {
                    size = p.path("value").asLong(-1);
                }
            }
            return new Candidate(m.path("id").asText(), m.path("internetMessageId").asText(null),
                    m.path("isRead").asBoolean(false), size);
        }

        private void processAll(List<Candidate> candidates) {
            if (candidates.isEmpty()) {
                return;
            }
            int workers = Math.max(1, Math.min(4, config.graph().concurrencyPerMailbox()));
            try (ExecutorService pool = Executors.newFixedThreadPool(workers,
                    Thread.ofVirtual().name("import-" + account.id() + "-", 0).factory())) {
                List<Future<?>> futures = new ArrayList<>();
                for (Candidate c : candidates) {
                    futures.add(pool.submit(() -> {
                        process(c);
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        pool.shutdownNow();
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        throw new IllegalStateException(e.getCause());
                    } catch (InterruptedException e) {
                        pool.shutdownNow();
                        Thread.currentThread().interrupt();
                        throw new MailboxFailure("INTERNAL_ERROR", "Interrupted.");
                    }
                }
            }
        }

        private void process(Candidate c) {
            try {
                Optional<MessageStore.Receipt> receipt = store.receipt(account.id(), c.id());
                if (receipt.isPresent()) {
                    if (receipt.get().actionPending()) {
                        applyAction(c.id());
                        store.actionDone(receipt.get().id());
                        n.actions.incrementAndGet();
                    } else if (account.afterImport() != AfterImport.MARK_READ || !c.read()) {
                        n.duplicates.incrementAndGet();
                    }
                    return;
                }
                if (account.onlyUnread() && c.read()) {
                    return;
                }
                long size = c.size() >= 0 ? c.size() : size(c.id());
                if (size > account.maxMessageBytes()) {
                    n.tooLarge.incrementAndGet();
                    n.tooLargeNote.compareAndSet(null, "Messages over maxMessageBytes (" + account.maxMessageBytes()
                            + ") were " + (account.oversizeFolder() != null
                                    ? "moved to '" + account.oversizeFolder() + "'"
                                    : "left in place")
                            + ", e.g. one of " + size + " bytes.");
                    if (account.oversizeFolder() != null) {
                        g.post(g.user("/messages/" + GraphSession.encode(c.id()) + "/move"),
                                Map.of("destinationId", target(account.oversizeFolder())));
                    }
                    return;
                }
                if (c.internetMessageId() != null
                        && store.receiptByMessageId(account.id(), c.internetMessageId()).isPresent()) {
                    n.duplicates.incrementAndGet();
                    applyAction(c.id());
                    return;
                }
                boolean pending = account.afterImport() != AfterImport.NONE;
                MessageStore.Stored stored = g.stream(
                        g.user("/messages/" + GraphSession.encode(c.id()) + "/$value"),
                        in -> store.store(account.id(), c.id(), c.internetMessageId(), in, pending));
                if (stored.id().isEmpty()) {
                    // Stored meanwhile under the same Message-ID or by another instance: a duplicate, handled alike.
                    n.duplicates.incrementAndGet();
                    applyAction(c.id());
                    return;
                }
                n.imported.incrementAndGet();
                checkpoints.afterStore(account.id(), c.id());
                if (pending) {
                    applyAction(c.id());
                    store.actionDone(stored.id().get());
                    n.actions.incrementAndGet();
                }
            } catch (GraphException e) {
                if (fatal(e)) {
                    throw e;
                }
                if (e.status() == 404 && "ErrorItemNotFound".equals(e.code())) {
                    return; // the message left the folder meanwhile
                }
                n.failed.incrementAndGet();
                n.firstFailure.compareAndSet(null, "Message could not be imported: Graph " + e.status() + " "
                        + e.code() + " (" + e.getMessage() + "); retried in the next run.");
            }
        }

        private long size(String id) {
            JsonNode m = g.get(g.user("/messages/" + GraphSession.encode(id) + "?$select=id&" + SIZE_EXPAND));
            return candidate(m).size();
        }

        private void applyAction(String id) {
            URI message = g.user("/messages/" + GraphSession.encode(id));
            try {
                switch (account.afterImport()) {
                    case MOVE ->
                        g.post(URI.create(message + "/move"), Map.of("destinationId", target(account.moveToFolder())));
                    case MARK_READ -> g.patch(message, Map.of("isRead", true));
                    case DELETE -> g.delete(message);
                    case NONE -> {
                    }
                }
            } catch (GraphException e) {
                if (e.status() == 404 && "ErrorItemNotFound".equals(e.code())) {
                    return; // gone already: nothing left to do
                }
                throw e;
            }
        }

        /** The id of a target folder (MOVE, oversize), resolved and created once per run. */
        private String target(String path) {
            return targets.computeIfAbsent(path.toLowerCase(Locale.ROOT), p -> resolveFolder(path, true));
        }

        /** A well-known name or a path of display names; missing folders are created when {@code create}. */
        private String resolveFolder(String path, boolean create) {
            String[] segments = path.split("/");
            String id;
            int start;
            if (WELL_KNOWN.contains(segments[0].toLowerCase(Locale.ROOT))) {
                id = g.get(g.user("/mailFolders/" + segments[0].toLowerCase(Locale.ROOT))).path("id").asText();
                start = 1;
            } else {
                id = g.get(g.user("/mailFolders/msgfolderroot")).path("id").asText();
                start = 0;
            }
            for (int i = start; i < segments.length; i++) {
                String parentPath = "/mailFolders/" + GraphSession.encode(id) + "/childFolders";
                Optional<String> child = findChild(parentPath, segments[i]);
                if (child.isEmpty()) {
                    if (!create) {
                        throw new MailboxFailure("FOLDER_NOT_FOUND", "Folder '" + path + "' does not exist in mailbox '"
                                + account.mailbox() + "' (no '" + segments[i] + "'); fix the account's folder.");
                    }
                    try {
                        child = Optional.of(g.post(g.user(parentPath), Map.of("displayName", segments[i])).path("id")
                                .asText());
                    } catch (GraphException e) {
                        if (e.status() != 409) {
                            throw e;
                        }
                        child = findChild(parentPath, segments[i]); // created meanwhile by another run
                    }
                }
                id = child.orElseThrow();
            }
            return id;
        }

        private Optional<String> findChild(String parentPath, String name) {
            URI uri = g.user(parentPath + "?$top=100");
            while (uri != null) {
                JsonNode page = g.get(uri);
                for (JsonNode f : page.path("value")) {
                    if (name.equalsIgnoreCase(f.path("displayName").asText())) {
                        return Optional.of(f.path("id").asText());
                    }
                }
                uri = page.hasNonNull("@odata.nextLink") ? g.link(page.get("@odata.nextLink").asText()) : null;
            }
            return Optional.empty();
        }
    }

    private static boolean fatal(GraphException e) {
        return e.status() == 401 || e.status() == 403 || e.code().contains("MailboxNotEnabledForRESTAPI")
                || "ErrorInvalidUser".equals(e.code()) || "ForeignNextLink".equals(e.code());
    }

    static MailboxFailure classify(GraphException e, MailboxAccount account) {
        String mailbox = account.mailbox();
        if (e.code().contains("MailboxNotEnabledForRESTAPI")) {
            return new MailboxFailure("MAILBOX_NOT_ENABLED_FOR_REST", "Mailbox '" + mailbox
                    + "' is not enabled for the REST API (on-premises, inactive or unlicensed mailbox).");
        }
        if (e.status() == 403) {
            return new MailboxFailure("ACCESS_DENIED", "Access to mailbox '" + mailbox + "' denied (" + e.code()
                    + "): the credential needs Mail.ReadWrite and the mailbox must be in scope of any application "
                    + "access policy.");
        }
        if ("ErrorInvalidUser".equals(e.code()) || e.status() == 404 && e.code().contains("User")) {
            return new MailboxFailure("MAILBOX_NOT_FOUND", "Mailbox '" + mailbox + "' does not exist in the tenant.");
        }
        if (e.status() == 404) {
            return new MailboxFailure("FOLDER_NOT_FOUND",
                    "Folder '" + account.folder() + "' not found in mailbox '" + mailbox + "' (" + e.code() + ").");
        }
        if (e.status() == 401) {
            return new MailboxFailure("UNAUTHORIZED",
                    "Graph rejected a fresh token (" + e.getMessage() + "); check the credential's permissions.");
        }
        if (e.status() == 429 || e.status() >= 500 || e.status() == 0) {
            return new MailboxFailure("GRAPH_UNAVAILABLE", "Graph kept failing (" + e.status() + " " + e.code()
                    + ") after retries; the next run resumes.");
        }
        return new MailboxFailure("GRAPH_ERROR",
                "Graph answered " + e.status() + " " + e.code() + ": " + e.getMessage());
    }

    private static String credentialCode(CredentialFailure failure) {
        return switch (failure) {
            case CredentialFailure.NotReady p -> "CONSENT_REQUIRED".equals(p.status().orElse(null))
                    ? "CONSENT_REQUIRED"
                    : "CREDENTIAL_" + p.status().orElse("NOT_READY");
            case CredentialFailure.UnknownCredential p -> "CREDENTIAL_UNKNOWN";
            case CredentialFailure.AccessDenied p -> "CREDENTIAL_FORBIDDEN";
            case CredentialFailure.Unavailable p -> "CREDENTIAL_SERVICE_UNAVAILABLE";
        };
    }

    private static String credentialReason(CredentialFailure failure) {
        StringBuilder sb = new StringBuilder(failure.getMessage());
        if (failure instanceof CredentialFailure.NotReady p) {
            p.code().ifPresent(code -> sb.append(" [").append(code).append(']'));
            p.consentUrl().ifPresent(url -> sb.append(" Grant consent at ").append(url));
        }
        return sb.toString();
    }
}
