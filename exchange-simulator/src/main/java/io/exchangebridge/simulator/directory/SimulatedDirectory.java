package io.exchangebridge.simulator.directory;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.exchangebridge.simulator.entra.AccessToken;

/** The seeded directory: tenants by id and domain, and the {@link Directory} answers Graph and SMTP rely on. */
public final class SimulatedDirectory implements Directory {

    private static final String MAIL_READ_WRITE = "Mail.ReadWrite";
    private static final String MAIL_SEND = "Mail.Send";

    private final Map<String, Tenant> tenantsById = new ConcurrentHashMap<>();

    /** The tenant with this initial domain, created (with a name-based id) on first use. */
    public Tenant tenant(String domain) {
        return tenantWithId(domain, null);
    }

    /** The tenant with this domain, created with {@code id} (or a name-based id when null) on first use. */
    public synchronized Tenant tenantWithId(String domain, String id) {
        Optional<Tenant> existing = findTenant(domain);
        if (existing.isPresent()) {
            return existing.get();
        }
        Tenant created = new Tenant(domain, id);
        tenantsById.put(created.id(), created);
        return created;
    }

    public SimulatedDirectory tenant(String domain, Consumer<Tenant> seed) {
        seed.accept(tenant(domain));
        return this;
    }

    /** A tenant by id (GUID) or domain, case-insensitive, as it appears in an authority URL. */
    public Optional<Tenant> findTenant(String idOrDomain) {
        String key = idOrDomain.toLowerCase(Locale.ROOT);
        Tenant byId = tenantsById.get(key);
        if (byId != null) {
            return Optional.of(byId);
        }
        return tenantsById.values().stream().filter(t -> t.domain().equals(key)).findFirst();
    }

    public Collection<Tenant> tenants() {
        return List.copyOf(tenantsById.values());
    }

    public boolean removeTenant(String idOrDomain) {
        return findTenant(idOrDomain).map(t -> tenantsById.remove(t.id()) != null).orElse(false);
    }

    /** A user or shared mailbox by object id or UPN, in any tenant. */
    public Optional<User> findUser(String idOrUpn) {
        return tenantsById.values().stream().map(t -> t.findUser(idOrUpn)).flatMap(Optional::stream).findFirst();
    }

    @Override
    public Optional<Mailbox> mailbox(String idOrUpn) {
        return findUser(idOrUpn).map(User::mailbox);
    }

    @Override
    public boolean mayAccessMail(AccessToken token, Mailbox mailbox) {
        if (!token.tenantId().equals(mailbox.tenantId()) || !token.hasPermission(MAIL_READ_WRITE)) {
            return false;
        }
        if (!token.delegated()) {
            return token.roles().contains(MAIL_READ_WRITE) && policyAllows(token, mailbox);
        }
        return token.scopes().contains(MAIL_READ_WRITE) && hasAccess(mailbox, token.upn().orElseThrow());
    }

    @Override
    public boolean maySendMail(AccessToken token, Mailbox mailbox, String fromAddress) {
        if (!token.tenantId().equals(mailbox.tenantId()) || !token.hasPermission(MAIL_SEND)) {
            return false;
        }
        if (token.delegated() ? !hasAccess(mailbox, token.upn().orElseThrow()) : !policyAllows(token, mailbox)) {
            return false;
        }
        return mailbox.upn().equalsIgnoreCase(fromAddress) || maySendAs(mailbox.upn(), fromAddress)
                || token.upn().map(upn -> maySendAs(upn, fromAddress)).orElse(false);
    }

    @Override
    public boolean maySendAs(String authenticatedUpn, String fromAddress) {
        if (authenticatedUpn.equalsIgnoreCase(fromAddress)) {
            return true;
        }
        return findUser(fromAddress).map(from -> from.allowsSendAs(authenticatedUpn)).orElse(false);
    }

    @Override
    public boolean smtpAuthEnabled(Mailbox mailbox) {
        return findTenant(mailbox.tenantId()).map(Tenant::smtpAuthEnabled).orElse(false)
                && findUser(mailbox.id()).map(User::smtpAuthEnabled).orElse(false);
    }

    /** No registered app, no policy: whether the app still exists is the TokenVerifier's question. */
    private boolean policyAllows(AccessToken token, Mailbox mailbox) {
        return findTenant(token.tenantId()).flatMap(t -> t.findApp(token.appId()))
                .map(app -> app.policyAllows(mailbox.upn())).orElse(true);
    }

    private boolean hasAccess(Mailbox mailbox, String userUpn) {
        return findUser(mailbox.id()).map(u -> u.hasAccess(userUpn)).orElse(false);
    }
}
