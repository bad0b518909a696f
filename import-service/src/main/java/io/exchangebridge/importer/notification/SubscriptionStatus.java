package io.exchangebridge.importer.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.exchangebridge.importer.mailbox.MailboxAccount;
import io.exchangebridge.importer.mailbox.MailboxView;
import io.exchangebridge.importer.mailbox.NotificationStatus;

/**
 * The {@code notifications} of the mailbox account view: {@code subscribed} when every subscription the account needs
 * is active and unexpired, otherwise {@code polling} with the reason (no public URL, a failed creation, not created
 * yet).
 */
@ApplicationScoped
public class SubscriptionStatus implements NotificationStatus {

    private final SubscriptionStore store;
    private final SubscriptionManager manager;
    private final Clock clock;

    public SubscriptionStatus(SubscriptionStore store, SubscriptionManager manager, Clock clock) {
        this.store = store;
        this.manager = manager;
        this.clock = clock;
    }

    @Override
    public Map<String, MailboxView.Notifications> of(Collection<MailboxAccount> accounts) {
        Map<String, MailboxView.Notifications> result = new HashMap<>();
        if (!manager.enabled()) {
            MailboxView.Notifications polling = MailboxView.Notifications.polling(manager.disabledReason());
            accounts.forEach(a -> result.put(a.id(), polling));
            return result;
        }
        Map<String, List<SubscriptionRow>> rows = store.all().stream()
                .collect(Collectors.groupingBy(SubscriptionRow::mailboxId));
        for (MailboxAccount a : accounts) {
            result.put(a.id(), status(a, rows.getOrDefault(a.id(), List.of())));
        }
        return result;
    }

    private MailboxView.Notifications status(MailboxAccount a, List<SubscriptionRow> rows) {
        if (!a.enabled()) {
            return MailboxView.Notifications.polling("The account is disabled.");
        }
        List<MailboxView.Subscription> active = new ArrayList<>();
        for (SubscriptionKind kind : SubscriptionManager.wanted(a).keySet()) {
            SubscriptionRow row = rows.stream().filter(r -> r.kind() == kind).findFirst().orElse(null);
            if (row == null) {
                return MailboxView.Notifications.polling("The " + kind.name().toLowerCase()
                        + " subscription is not created yet (importer.notifications.maintain-every).");
            }
            if (!row.active()) {
                return MailboxView.Notifications.polling(row.failure());
            }
            if (!row.expiresAt().isAfter(clock.instant())) {
                return MailboxView.Notifications.polling("The " + kind.name().toLowerCase() + " subscription expired"
                        + (row.failure() == null ? "." : ": " + row.failure()));
            }
            active.add(new MailboxView.Subscription(kind.name().toLowerCase(), row.resource(), row.expiresAt(),
                    row.failure()));
        }
        return new MailboxView.Notifications("subscribed", null, active);
    }
}
