package io.exchangebridge.importer.notification;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxService;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The maintenance of subscriptions, every {@code importer.notifications.maintain-every} on every replica (the advisory
 * locks keep them from doing the same work twice): each enabled account gets what it needs (created, renewed
 * {@code renew-before} expiry, recreated when gone), subscriptions of deleted or disabled accounts are deleted.
 */
@ApplicationScoped
public class SubscriptionJob {

    private final SubscriptionManager manager;
    private final SubscriptionStore store;
    private final MailboxService mailboxes;

    public SubscriptionJob(SubscriptionManager manager, SubscriptionStore store, MailboxService mailboxes) {
        this.manager = manager;
        this.store = store;
        this.mailboxes = mailboxes;
    }

    @Scheduled(identity = "graph-subscriptions", every = "${importer.notifications.maintain-every:15m}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        maintain();
    }

    /** One round over every account and stored subscription. */
    public void maintain() {
        Map<String, MailboxAccount> accounts = mailboxes.enabledIds().stream().map(mailboxes::account)
                .flatMap(Optional::stream).collect(Collectors.toMap(MailboxAccount::id, Function.identity()));
        for (SubscriptionRow row : store.all()) {
            MailboxAccount account = accounts.get(row.mailboxId());
            if (account == null || !SubscriptionManager.wanted(account).containsKey(row.kind())
                    || !manager.enabled()) {
                manager.remove(row);
            }
        }
        if (!manager.enabled()) {
            return;
        }
        for (MailboxAccount account : accounts.values()) {
            try {
                manager.ensure(account);
            } catch (RuntimeException e) {
                Log.errorf("Subscriptions of mailbox account %s could not be maintained: %s", account.id(),
                        e.getClass().getName());
            }
        }
    }
}
