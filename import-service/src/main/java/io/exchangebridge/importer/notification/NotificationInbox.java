package io.exchangebridge.importer.notification;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.run.ImportJobs;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * What Graph POSTs to the public endpoints, handled after the answer: the endpoint only hands the body over (so Graph
 * gets its 202 within its 3 seconds however busy the database is). Every entry's {@code clientState} is checked against
 * its subscription's stored hash; entries of unknown subscriptions or with a wrong clientState are dropped and counted
 * ({@code graph_notifications_total{outcome="dropped"}}). A batch's entries for one mailbox become one
 * {@link ImportJobs#enqueueUnlessQueued} call, which in turn leaves an already queued job to cover them: duplicates and
 * bursts coalesce into one job.
 */
@ApplicationScoped
public class NotificationInbox {

    /** Trigger of the jobs enqueued for change notifications. */
    static final String NOTIFICATION = "notification";

    private final ObjectMapper json;
    private final SubscriptionStore store;
    private final SubscriptionManager manager;
    private final MailboxService mailboxes;
    private final ImportJobs jobs;
    private final MeterRegistry metrics;
    /** Bodies waiting; when full, a burst is dropped and counted, and the regular schedule catches up. */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), Thread.ofVirtual().name("graph-notifications").factory());

    public NotificationInbox(ObjectMapper json, SubscriptionStore store, SubscriptionManager manager,
            MailboxService mailboxes, ImportJobs jobs, MeterRegistry metrics) {
        this.json = json;
        this.store = store;
        this.manager = manager;
        this.mailboxes = mailboxes;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Takes a body of change notifications; returns at once. */
    public void changes(byte[] body) {
        submit(body, this::handleChanges);
    }

    /** Takes a body of lifecycle notifications; returns at once. */
    public void lifecycle(byte[] body) {
        submit(body, this::handleLifecycle);
    }

    private void submit(byte[] body, Consumer<JsonNode> handler) {
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.path("value").isArray()) {
            dropped("malformed");
            return;
        }
        JsonNode value = parsed.path("value");
        try {
            worker.execute(() -> {
                try {
                    handler.accept(value);
                } catch (RuntimeException e) {
                    Log.errorf("Graph notifications could not be handled (%s); the next scheduled run catches up",
                            e.getClass().getName());
                }
            });
        } catch (RejectedExecutionException e) {
            dropped("overloaded");
        }
    }

    private void handleChanges(JsonNode entries) {
        Set<String> mailboxIds = new LinkedHashSet<>();
        for (JsonNode entry : entries) {
            verified(entry).ifPresent(row -> {
                mailboxIds.add(row.mailboxId());
                metrics.counter("graph.notifications", "outcome", "accepted", "reason", "none").increment();
            });
        }
        for (String id : mailboxIds) {
            jobs.enqueueUnlessQueued(id, NOTIFICATION);
        }
    }

    private void handleLifecycle(JsonNode entries) {
        Map<String, SubscriptionRow> missed = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            Optional<SubscriptionRow> row = verified(entry);
            if (row.isEmpty()) {
                continue;
            }
            SubscriptionRow r = row.get();
            String event = entry.path("lifecycleEvent").asText("");
            metrics.counter("graph.lifecycle.notifications", "event", known(event)).increment();
            Optional<MailboxAccount> account = mailboxes.account(r.mailboxId());
            switch (event) {
                case "reauthorizationRequired" -> account.ifPresentOrElse(a -> manager.renew(r, a),
                        () -> manager.remove(r));
                case "subscriptionRemoved" -> account.ifPresentOrElse(a -> manager.recreate(r, a),
                        () -> manager.remove(r));
                case "missed" -> missed.put(r.mailboxId(), r);
                default -> Log.infof("Lifecycle event '%s' of mailbox account %s ignored", known(event),
                        r.mailboxId());
            }
        }
        for (String id : missed.keySet()) {
            jobs.enqueueUnlessQueued(id, SubscriptionManager.CATCH_UP);
        }
    }

    /** The stored subscription of an entry whose clientState matches; empty (and counted) otherwise. */
    private Optional<SubscriptionRow> verified(JsonNode entry) {
        String subscriptionId = entry.path("subscriptionId").asText(null);
        Optional<SubscriptionRow> row = subscriptionId == null
                ? Optional.empty()
                : store.bySubscriptionId(subscriptionId).filter(SubscriptionRow::active);
        if (row.isEmpty()) {
            dropped("unknown-subscription");
            return Optional.empty();
        }
        if (!ClientStates.matches(entry.path("clientState").asText(null), row.get().clientStateHash())) {
            // never logged: what was presented may be someone's guess at the secret
            dropped("wrong-client-state");
            return Optional.empty();
        }
        return row;
    }

    private void dropped(String reason) {
        metrics.counter("graph.notifications", "outcome", "dropped", "reason", reason).increment();
    }

    /** Graph's lifecycle event names, or "other": tags take no text from outside. */
    private static String known(String event) {
        return switch (event) {
            case "reauthorizationRequired", "subscriptionRemoved", "missed" -> event;
            default -> "other";
        };
    }
}
