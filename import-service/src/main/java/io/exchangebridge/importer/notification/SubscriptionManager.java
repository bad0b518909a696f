package io.exchangebridge.importer.notification;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.foundation.credential.CredentialClient;
import io.exchangebridge.foundation.credential.CredentialFailure;
import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.importer.calendar.CalendarFailure;
import io.exchangebridge.importer.calendar.CalendarGraphClient;
import io.exchangebridge.importer.calendar.ResolvedCalendar;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.graph.GraphClient;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphSession;
import io.exchangebridge.importer.mail.FolderNotFound;
import io.exchangebridge.importer.mail.MailFolders;
import io.exchangebridge.importer.mail.MailGraphClient;
import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.exchangebridge.importer.run.ImportJobs;
import io.quarkus.logging.Log;

/**
 * Keeps each account's subscriptions as the account needs them: created (mail folder: {@code created}; calendar:
 * {@code created,updated,deleted}), renewed {@code renew-before} their expiry, recreated when Graph has dropped them,
 * deleted when the account no longer wants them. Every change of an (account, kind) happens under its advisory lock
 * ({@link SubscriptionStore#locked}), so replicas racing on it make one subscription. After a (re)creation the
 * mailbox's job is enqueued: what arrived while there was no subscription is caught up by delta.
 */
@ApplicationScoped
public class SubscriptionManager {

    /** Trigger of the jobs that catch up after a gap in notifications. */
    static final String CATCH_UP = "catch-up";

    private final SubscriptionStore store;
    private final GraphClient graph;
    private final MailGraphClient mail;
    private final CalendarGraphClient calendars;
    private final CredentialClient tokens;
    private final ImportJobs jobs;
    private final ImporterConfig.Notifications config;
    private final Clock clock;

    public SubscriptionManager(SubscriptionStore store, GraphClient graph, MailGraphClient mail,
            CalendarGraphClient calendars, CredentialClient tokens, ImportJobs jobs, ImporterConfig config,
            Clock clock) {
        this.store = store;
        this.graph = graph;
        this.mail = mail;
        this.calendars = calendars;
        this.tokens = tokens;
        this.jobs = jobs;
        this.config = config.notifications();
        this.clock = clock;
    }

    /** Whether notifications are on: a public URL is configured (https, or http where allowed). */
    public boolean enabled() {
        return config.publicUrl().filter(this::acceptable).isPresent();
    }

    /** Why there are no notifications when {@link #enabled()} is false. */
    String disabledReason() {
        return config.publicUrl().isEmpty()
                ? "importer.notifications.public-url is not set: new mail waits for the next scheduled run."
                : "importer.notifications.public-url must be https (Graph sends notifications only there).";
    }

    private boolean acceptable(URI url) {
        return "https".equalsIgnoreCase(url.getScheme())
                || config.allowHttp() && "http".equalsIgnoreCase(url.getScheme());
    }

    /** What the account should have: the kinds it subscribes to and the account setting each one follows. */
    static Map<SubscriptionKind, String> wanted(MailboxAccount a) {
        Map<SubscriptionKind, String> wanted = new EnumMap<>(SubscriptionKind.class);
        if (a.enabled() && a.importMail()) {
            wanted.put(SubscriptionKind.MAIL, a.folder());
        }
        if (a.enabled() && a.calendar() != null) {
            wanted.put(SubscriptionKind.CALENDAR, Objects.requireNonNullElse(a.calendar().name(), ""));
        }
        return wanted;
    }

    /** Brings the account's subscriptions to what it needs now (skipping any another replica is working on). */
    public void ensure(MailboxAccount account) {
        Map<SubscriptionKind, String> wanted = wanted(account);
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            store.locked(account.id(), kind, () -> {
                ensure(account, kind, wanted.get(kind));
                return Boolean.TRUE;
            });
        }
    }

    /** Deletes the subscription of an account that is gone (or no longer wants it), at Graph and here. */
    public void remove(SubscriptionRow row) {
        store.locked(row.mailboxId(), row.kind(), () -> {
            store.find(row.mailboxId(), row.kind()).ifPresent(this::deleteSubscription);
            return Boolean.TRUE;
        });
    }

    /**
     * Graph asks for a renewal ({@code reauthorizationRequired}) of the subscription stored in {@code row}; recreated
     * when Graph no longer has it.
     */
    public void renew(SubscriptionRow row, MailboxAccount account) {
        store.locked(row.mailboxId(), row.kind(), () -> {
            store.find(row.mailboxId(), row.kind())
                    .filter(r -> Objects.equals(r.subscriptionId(), row.subscriptionId()))
                    .ifPresent(r -> renewOrRecreate(account, r));
            return Boolean.TRUE;
        });
    }

    /** Graph removed the subscription ({@code subscriptionRemoved}): a new one, unless it was replaced already. */
    public void recreate(SubscriptionRow row, MailboxAccount account) {
        store.locked(row.mailboxId(), row.kind(), () -> {
            store.find(row.mailboxId(), row.kind())
                    .filter(r -> Objects.equals(r.subscriptionId(), row.subscriptionId()))
                    .ifPresent(r -> {
                        String source = wanted(account).get(r.kind());
                        if (source == null) {
                            store.delete(r.mailboxId(), r.kind());
                        } else {
                            create(account, r.kind(), source);
                        }
                    });
            return Boolean.TRUE;
        });
    }

    private void ensure(MailboxAccount account, SubscriptionKind kind, String source) {
        Optional<SubscriptionRow> row = store.find(account.id(), kind);
        if (source == null || !enabled()) {
            row.ifPresent(this::deleteSubscription);
            return;
        }
        if (row.isPresent() && row.get().active()) {
            SubscriptionRow r = row.get();
            if (r.source().equalsIgnoreCase(source) && r.credentialId().equals(account.credentialId())
                    && r.mailbox().equalsIgnoreCase(account.mailbox())) {
                if (r.expiresAt().isBefore(clock.instant().plus(config.renewBefore()))) {
                    renewOrRecreate(account, r);
                }
                return;
            }
            deleteSubscription(r); // the account now names another folder, calendar, mailbox or credential
        }
        create(account, kind, source);
    }

    private void renewOrRecreate(MailboxAccount account, SubscriptionRow r) {
        Instant expiration = expiration();
        try {
            new SubscriptionGraph(session(account.mailbox(), account.credentialId())).renew(r.subscriptionId(),
                    expiration);
            store.renewed(r.mailboxId(), r.kind(), expiration);
        } catch (GraphException e) {
            if (e.status() == 404) {
                Log.infof("Subscription %s of mailbox account %s is gone at Graph; creating a new one",
                        r.subscriptionId(), r.mailboxId());
                create(account, r.kind(), wanted(account).getOrDefault(r.kind(), r.source()));
                return;
            }
            String reason = "Renewal failed: Graph " + e.status() + " " + e.code() + " (" + e.getMessage()
                    + "); retried by the next maintenance.";
            Log.warnf("Mailbox account %s, %s subscription: %s", r.mailboxId(), r.kind(), reason);
            store.renewalFailed(r.mailboxId(), r.kind(), reason);
        } catch (CredentialFailure f) {
            store.renewalFailed(r.mailboxId(), r.kind(), "Renewal failed: no token (" + f.getMessage() + ").");
        }
    }

    private void create(MailboxAccount account, SubscriptionKind kind, String source) {
        URI base = config.publicUrl().orElseThrow();
        String clientState = ClientStates.generate();
        Instant expiration = expiration();
        try {
            GraphSession session = session(account.mailbox(), account.credentialId());
            String resource = resource(session, account, kind);
            SubscriptionGraph.Created created = new SubscriptionGraph(session).create(resource, kind.changeType(),
                    url(base, "/graph/notifications"), url(base, "/graph/lifecycle"), expiration, clientState);
            store.saveActive(new SubscriptionRow(account.id(), kind, account.credentialId(), account.mailbox(), source,
                    resource, created.id(), ClientStates.hash(clientState), created.expiration(), true, null));
            Log.infof("Mailbox account %s: %s subscription %s until %s", account.id(), kind, created.id(),
                    created.expiration());
            jobs.enqueueUnlessQueued(account.id(), CATCH_UP);
        } catch (GraphException e) {
            failed(account, kind, source, "Graph refused the subscription: " + e.status() + " " + e.code() + " ("
                    + e.getMessage() + ")");
        } catch (CredentialFailure | FolderNotFound | CalendarFailure f) {
            failed(account, kind, source, f.getMessage());
        }
    }

    private void failed(MailboxAccount account, SubscriptionKind kind, String source, String reason) {
        Log.warnf("Mailbox account %s: no %s subscription, polling instead: %s", account.id(), kind, reason);
        store.saveFailed(account.id(), kind, account.credentialId(), account.mailbox(), source,
                reason + "; retried by the next maintenance.");
    }

    /** Deletes at Graph (a failure there only leaves it to expire) and forgets the row. */
    private void deleteSubscription(SubscriptionRow r) {
        if (r.subscriptionId() != null) {
            try {
                new SubscriptionGraph(session(r.mailbox(), r.credentialId())).delete(r.subscriptionId());
            } catch (GraphException | CredentialFailure e) {
                Log.warnf("Subscription %s of mailbox account %s could not be deleted (%s); it expires by %s",
                        r.subscriptionId(), r.mailboxId(), e.getClass().getSimpleName(), r.expiresAt());
            }
        }
        store.delete(r.mailboxId(), r.kind());
    }

    private String resource(GraphSession session, MailboxAccount account, SubscriptionKind kind) {
        // A UPN or object id (MailboxService checked it: no spaces or slashes), as Graph's docs write resources.
        String user = "users/" + account.mailbox();
        if (kind == SubscriptionKind.MAIL) {
            String folderId = new MailFolders(mail.on(session, account.mailbox())).existing(account.folder());
            return user + "/mailFolders('" + folderId.replace("'", "''") + "')/messages";
        }
        ResolvedCalendar calendar = calendars.on(session, account.mailbox()).resolve(account.calendar().name());
        return user + calendar.path() + "/events";
    }

    /** Whole seconds, as sent to Graph, so the stored expiry is the one Graph has. */
    private Instant expiration() {
        return clock.instant().plus(config.lifetime()).truncatedTo(ChronoUnit.SECONDS);
    }

    private GraphSession session(String mailbox, String credentialId) {
        return graph.session(mailbox, () -> tokens.token(credentialId, MailboxService.GRAPH),
                rejected -> tokens.replace(credentialId, MailboxService.GRAPH, rejected));
    }

    private static String url(URI base, String path) {
        return UrlPaths.withoutTrailingSlash(base) + path;
    }
}
