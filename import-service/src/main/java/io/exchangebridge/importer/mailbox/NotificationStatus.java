package io.exchangebridge.importer.mailbox;

import java.util.Collection;
import java.util.Map;

/**
 * Whether Graph notifies about accounts or they wait for polling; implemented by the notification package, which
 * depends on this one (so this interface keeps the packages free of cycles).
 */
public interface NotificationStatus {

    /** The notification status of each of {@code accounts}, by account id. */
    Map<String, MailboxView.Notifications> of(Collection<MailboxAccount> accounts);
}
