package io.exchangebridge.simulator.smtp;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.simulator.directory.Mailbox;

/**
 * Where the SMTP AUTH switches live: the tenant-wide one
 * ({@code Set-TransportConfig -SmtpClientAuthenticationDisabled}) and the per-mailbox one ({@code Set-CASMailbox}).
 * Kept apart so the 5.7.139 reply can say which one is off.
 */
public interface SmtpAuthFlags {

    boolean tenantEnabled(String tenantId);

    boolean mailboxEnabled(Mailbox mailbox);

    void tenant(String tenantId, boolean enabled);

    void mailbox(String upn, boolean enabled);

    /** Switches of its own, for an SMTP server used without the simulator's seeded directory. */
    static SmtpAuthFlags inMemory() {
        Set<String> disabledTenants = ConcurrentHashMap.newKeySet();
        Set<String> disabledMailboxes = ConcurrentHashMap.newKeySet();
        return new SmtpAuthFlags() {
            @Override
            public boolean tenantEnabled(String tenantId) {
                return !disabledTenants.contains(tenantId.toLowerCase(Locale.ROOT));
            }

            @Override
            public boolean mailboxEnabled(Mailbox mailbox) {
                return !disabledMailboxes.contains(mailbox.upn().toLowerCase(Locale.ROOT));
            }

            @Override
            public void tenant(String tenantId, boolean enabled) {
                toggle(disabledTenants, tenantId, enabled);
            }

            @Override
            public void mailbox(String upn, boolean enabled) {
                toggle(disabledMailboxes, upn, enabled);
            }

            private void toggle(Set<String> disabled, String key, boolean enabled) {
                if (enabled) {
                    disabled.remove(key.toLowerCase(Locale.ROOT));
                } else {
                    disabled.add(key.toLowerCase(Locale.ROOT));
                }
            }
        };
    }
}
