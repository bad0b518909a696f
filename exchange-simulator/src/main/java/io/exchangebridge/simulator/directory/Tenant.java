package io.exchangebridge.simulator.directory;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A simulated Entra ID tenant with its users, shared mailboxes and app registrations. Thread-safe. */
public final class Tenant {

    private final String id;
    private final String domain;
    private final Map<String, User> usersByUpn = new ConcurrentHashMap<>();
    private final Map<String, AppRegistration> apps = new ConcurrentHashMap<>();
    private volatile boolean smtpAuthEnabled = true;
    private volatile boolean conditionalAccessBlock;

    Tenant(String domain, String id) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.id = id != null
                ? id
                : UUID.nameUUIDFromBytes(("tenant:" + this.domain).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String id() {
        return id;
    }

    /** The initial domain, e.g. {@code contoso.onmicrosoft.com}. */
    public String domain() {
        return domain;
    }

    /** The user with this UPN, created on first use. */
    public User user(String upn) {
        return usersByUpn.computeIfAbsent(upn.toLowerCase(Locale.ROOT), u -> new User(this, u, false));
    }

    public Tenant user(String upn, Consumer<User> seed) {
        seed.accept(user(upn));
        return this;
    }

    /** The shared mailbox with this address, created on first use. */
    public User sharedMailbox(String address) {
        return usersByUpn.computeIfAbsent(address.toLowerCase(Locale.ROOT), u -> new User(this, u, true));
    }

    public Tenant sharedMailbox(String address, Consumer<User> seed) {
        seed.accept(sharedMailbox(address));
        return this;
    }

    public Optional<User> findUser(String idOrUpn) {
        User byUpn = usersByUpn.get(idOrUpn.toLowerCase(Locale.ROOT));
        if (byUpn != null) {
            return Optional.of(byUpn);
        }
        return usersByUpn.values().stream().filter(u -> u.id().equalsIgnoreCase(idOrUpn)).findFirst();
    }

    public Collection<User> users() {
        return List.copyOf(usersByUpn.values());
    }

    public boolean removeUser(String upn) {
        return usersByUpn.remove(upn.toLowerCase(Locale.ROOT)) != null;
    }

    /** The app registration with this client id, created on first use. */
    public AppRegistration app(String clientId) {
        return apps.computeIfAbsent(clientId, c -> new AppRegistration(this, c));
    }

    public Tenant app(String clientId, Consumer<AppRegistration> seed) {
        seed.accept(app(clientId));
        return this;
    }

    public Optional<AppRegistration> findApp(String clientId) {
        return Optional.ofNullable(apps.get(clientId));
    }

    /**
     * The app registration exposing the resource {@code resource} as a custom API: named by its client id,
     * {@code api://{client id}} or one of its Application ID URIs ({@link AppRegistration#identifierUri}).
     */
    public Optional<AppRegistration> findApi(String resource) {
        String r = Resources.strip(resource);
        return apps.values().stream().filter(a -> a.identifiedBy(r)).findFirst();
    }

    public Collection<AppRegistration> apps() {
        return List.copyOf(apps.values());
    }

    /** Deletes the app registration (fault: AADSTS700016 for token requests, 401 for its tokens). */
    public boolean deleteApp(String clientId) {
        return apps.remove(clientId) != null;
    }

    /** Tenant-wide SMTP AUTH switch ({@code Set-TransportConfig -SmtpClientAuthenticationDisabled}). */
    public Tenant smtpAuthEnabled(boolean enabled) {
        this.smtpAuthEnabled = enabled;
        return this;
    }

    public boolean smtpAuthEnabled() {
        return smtpAuthEnabled;
    }

    /** Fault: a Conditional Access policy blocks every token issuance for users of this tenant (AADSTS53003). */
    public Tenant conditionalAccessBlock(boolean block) {
        this.conditionalAccessBlock = block;
        return this;
    }

    public boolean conditionalAccessBlock() {
        return conditionalAccessBlock;
    }
}
