package io.exchangebridge.simulator.graph;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;

/** A small in-memory directory for Graph tests before the simulator core is wired in. */
final class TestDirectory implements Directory {

    static final String TENANT = "11111111-2222-3333-4444-555555555555";

    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Set<String> sendAs = ConcurrentHashMap.newKeySet();

    Mailbox add(String upn) {
        Mailbox mailbox = new Mailbox(UUID.randomUUID().toString(), upn, TENANT, upn.split("@")[0],
                false);
        mailboxes.put(upn.toLowerCase(Locale.ROOT), mailbox);
        mailboxes.put(mailbox.id(), mailbox);
        return mailbox;
    }

    void grantSendAs(String upn, String fromAddress) {
        sendAs.add(upn.toLowerCase(Locale.ROOT) + "|" + fromAddress.toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Mailbox> mailbox(String idOrUpn) {
        return Optional.ofNullable(mailboxes.get(idOrUpn.toLowerCase(Locale.ROOT)))
                .or(() -> Optional.ofNullable(mailboxes.get(idOrUpn)));
    }

    @Override
    public boolean mayAccessMail(AccessToken token, Mailbox mailbox) {
        if (!token.tenantId().equals(mailbox.tenantId())) {
            return false;
        }
        return !token.delegated() || token.upn().get().equalsIgnoreCase(mailbox.upn());
    }

    /** As for mail: the tenant's mailboxes for app tokens, the user's own for delegated ones. */
    @Override
    public boolean mayAccessCalendar(AccessToken token, Mailbox mailbox) {
        return mayAccessMail(token, mailbox);
    }

    @Override
    public boolean maySubmitMail(AccessToken token, Mailbox mailbox) {
        return token.hasPermission("Mail.Send") && mayAccessMail(token, mailbox);
    }

    @Override
    public boolean maySendMail(AccessToken token, Mailbox mailbox, String fromAddress) {
        if (!token.hasPermission("Mail.Send") || !mayAccessMail(token, mailbox)) {
            return false;
        }
        return fromAddress.equalsIgnoreCase(mailbox.upn()) || maySendAs(mailbox.upn(), fromAddress);
    }

    @Override
    public boolean maySendAs(String authenticatedUpn, String fromAddress) {
        return authenticatedUpn.equalsIgnoreCase(fromAddress) || sendAs.contains(
                authenticatedUpn.toLowerCase(Locale.ROOT) + "|" + fromAddress.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean smtpAuthEnabled(Mailbox mailbox) {
        return true;
    }
}
