package io.exchangebridge.simulator.smtp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;

/** A small in-memory directory for SMTP tests. */
final class TestDirectory implements Directory {

    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sendAs = new ConcurrentHashMap<>();
    private final Set<String> smtpAuthDisabled = ConcurrentHashMap.newKeySet();

    TestDirectory mailbox(String upn, String tenantId) {
        mailboxes.put(key(upn), new Mailbox(UUID.randomUUID().toString(), upn, tenantId, upn, false));
        return this;
    }

    TestDirectory grantSendAs(String user, String onBehalfOf) {
        sendAs.computeIfAbsent(key(user), k -> ConcurrentHashMap.newKeySet()).add(key(onBehalfOf));
        return this;
    }

    TestDirectory smtpAuthEnabled(String upn, boolean enabled) {
        if (enabled) {
            smtpAuthDisabled.remove(key(upn));
        } else {
            smtpAuthDisabled.add(key(upn));
        }
        return this;
    }

    @Override
    public Optional<Mailbox> mailbox(String idOrUpn) {
        return Optional.ofNullable(mailboxes.get(key(idOrUpn)));
    }

    @Override
    public boolean mayAccessMail(AccessToken token, Mailbox mailbox) {
        return false;
    }

    @Override
    public boolean maySendMail(AccessToken token, Mailbox mailbox, String fromAddress) {
        return false;
    }

    @Override
    public boolean maySendAs(String authenticatedUpn, String fromAddress) {
        return key(authenticatedUpn).equals(key(fromAddress))
                || sendAs.getOrDefault(key(authenticatedUpn), Set.of()).contains(key(fromAddress));
    }

    @Override
    public boolean smtpAuthEnabled(Mailbox mailbox) {
        return !smtpAuthDisabled.contains(key(mailbox.upn()));
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
