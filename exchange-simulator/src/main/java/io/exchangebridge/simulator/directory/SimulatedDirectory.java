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
    private static final String CALENDARS_READ_WRITE = "Calendars.ReadWrite";
    private static final String SHARED_SUFFIX = ".Shared";

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

    /**
     * Graph's rule for delegated tokens on another user's or a shared mailbox: the token needs the {@code .Shared}
     * permission and the signed-in user needs mailbox permissions there. Microsoft Learn, "Get Outlook messages in a
     * shared or delegated folder" (learn.microsoft.com/graph/outlook-share-messages-folders): "Use the delegated
     * permissions, Mail.Read.Shared or Mail.ReadWrite.Shared, to respectively read or write messages in a shared or
     * delegated folder." Without either, Graph answers 403 {@code ErrorAccessDenied} "Access is denied. Check
     * credentials and try again." (reported with that body in microsoftgraph/microsoft-graph-docs#9429 and
     * microsoftgraph/aspnet-snippets-sample#36, where a Microsoft engineer names both requirements). Application tokens
     * are unchanged: their role reaches every mailbox of the tenant unless an access policy excludes it.
     */
    @Override
    public boolean mayAccessMail(AccessToken token, Mailbox mailbox) {
        return mayUse(token, mailbox, MAIL_READ_WRITE);
    }

    /**
     * The mail rules with {@code Calendars.ReadWrite}: Exchange's application access policies restrict an app's
     * calendar access exactly as its mail access (Microsoft Learn, "Limiting application permissions to specific
     * Exchange Online mailboxes"), and a delegate needs the {@code .Shared} scope on another user's calendar.
     */
    @Override
    public boolean mayAccessCalendar(AccessToken token, Mailbox mailbox) {
        return mayUse(token, mailbox, CALENDARS_READ_WRITE);
    }

    /**
     * Microsoft Learn, "Send Outlook messages from another user" (learn.microsoft.com/graph/outlook-send-mail-from-
     * other-user): "applications that use user tokens use the Mail.Send.Shared permission", and sending through
     * {@code /users/{from user}} requires "the Full Access mailbox permission in addition to either the Send on Behalf
     * or Send As permission". The first two are checked here (403 {@code ErrorAccessDenied} otherwise), the From rights
     * per message in {@link #maySendMail}.
     */
    @Override
    public boolean maySubmitMail(AccessToken token, Mailbox mailbox) {
        return mayUse(token, mailbox, MAIL_SEND);
    }

    /**
     * {@code permission} as an application role (tenant-wide unless a policy excludes the mailbox), or as a delegated
     * scope on the user's own mailbox (the {@code .Shared} variant covers the user's own mail too: "Read and write user
     * and shared mail"), or its {@code .Shared} variant on a mailbox that granted the user full access.
     */
    private boolean mayUse(AccessToken token, Mailbox mailbox, String permission) {
        if (!token.tenantId().equals(mailbox.tenantId())) {
            return false;
        }
        if (!token.delegated()) {
            return token.roles().contains(permission) && policyAllows(token, mailbox);
        }
        String upn = token.upn().orElseThrow();
        String shared = permission + SHARED_SUFFIX;
        if (mailbox.upn().equalsIgnoreCase(upn)) {
            return token.scopes().contains(permission) || token.scopes().contains(shared);
        }
        return token.scopes().contains(shared) && hasAccess(mailbox, upn);
    }

    /**
     * Whether the message may carry {@code fromAddress}: the mailbox itself (for a delegated token on another mailbox:
     * when that mailbox granted the user Send As or Send on Behalf), or an address the mailbox or the signed-in user
     * has Send As on. Not confirmed: whether Graph also asks for {@code Mail.Send.Shared} when {@code /me/sendMail}
     * carries another mailbox's From; the simulator asks only for the Send As right there.
     */
    @Override
    public boolean maySendMail(AccessToken token, Mailbox mailbox, String fromAddress) {
        if (!maySubmitMail(token, mailbox)) {
            return false;
        }
        boolean otherUsersMailbox = token.upn().map(upn -> !upn.equalsIgnoreCase(mailbox.upn())).orElse(false);
        if (mailbox.upn().equalsIgnoreCase(fromAddress)) {
            return !otherUsersMailbox || findUser(mailbox.id())
                    .map(m -> m.allowsSendFrom(token.upn().orElseThrow())).orElse(false);
        }
        return maySendAs(mailbox.upn(), fromAddress) || token.upn().map(upn -> maySendAs(upn, fromAddress))
                .orElse(false);
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
