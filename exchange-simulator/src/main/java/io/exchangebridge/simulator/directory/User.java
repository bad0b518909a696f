package io.exchangebridge.simulator.directory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user (with a mailbox) or a shared mailbox of a simulated tenant. Fluent setters return {@code this}. Thread-safe.
 */
public final class User {

    private final Tenant tenant;
    private final String id;
    private final String upn;
    private final boolean shared;
    /** Who holds each kind of mailbox permission, by lower-cased UPN; the map itself never changes. */
    private final Map<Permission, Set<String>> grantees = new EnumMap<>(Permission.class);
    private volatile String displayName;
    private volatile String password;
    private volatile boolean smtpAuthEnabled = true;
    private volatile Instant grantsRevokedAt = Instant.MIN;
    /** client id -> app roles assigned to this user on that app (Entra's app role assignments). */
    private final Map<String, Set<String>> appRoles = new ConcurrentHashMap<>();
    /** Object ids of the security groups the user is a member of. */
    private final Set<String> groups = ConcurrentHashMap.newKeySet();

    User(Tenant tenant, String upn, boolean shared) {
        this.tenant = tenant;
        this.upn = upn.toLowerCase(Locale.ROOT);
        this.shared = shared;
        // Name-based, so a demo tenant seeded twice gets the same ids.
        this.id = UUID.nameUUIDFromBytes(("user:" + this.upn).getBytes(StandardCharsets.UTF_8))
                .toString();
        String local = this.upn.contains("@") ? this.upn.substring(0, this.upn.indexOf('@')) : this.upn;
        this.displayName = Character.toUpperCase(local.charAt(0)) + local.substring(1);
        for (Permission permission : Permission.values()) {
            grantees.put(permission, ConcurrentHashMap.newKeySet());
        }
    }

    /** The mailbox permissions Exchange grants to other users. */
    private enum Permission {
        FULL_ACCESS, SEND_AS, SEND_ON_BEHALF
    }

    public String id() {
        return id;
    }

    public String upn() {
        return upn;
    }

    public Tenant tenant() {
        return tenant;
    }

    public boolean shared() {
        return shared;
    }

    public String displayName() {
        return displayName;
    }

    public User displayName(String displayName) {
        this.displayName = displayName;
        return this;
    }

    /** The sign-in password; when never set, any password is accepted on the sign-in page. */
    public User password(String password) {
        this.password = password;
        return this;
    }

    public boolean passwordMatches(String candidate) {
        String p = password;
        return p == null || p.equals(candidate);
    }

    /**
     * Gives {@code userUpn} full access to this mailbox (Exchange's Full Access, "Read and manage" in the admin
     * center): with a delegated token carrying {@code Mail.ReadWrite.Shared} (or {@code Mail.Read.Shared}) that user
     * reads and writes this mailbox's mail through Graph. Full access grants neither Send As nor Send on Behalf.
     */
    public User grantAccess(String userUpn) {
        return grant(Permission.FULL_ACCESS, userUpn);
    }

    public User revokeAccess(String userUpn) {
        return revoke(Permission.FULL_ACCESS, userUpn);
    }

    /** Lets {@code userUpn} send as this mailbox (Exchange's Send As permission). */
    public User grantSendAs(String userUpn) {
        return grant(Permission.SEND_AS, userUpn);
    }

    public User revokeSendAs(String userUpn) {
        return revoke(Permission.SEND_AS, userUpn);
    }

    /**
     * Lets {@code userUpn} send on behalf of this mailbox (Exchange's {@code GrantSendOnBehalfTo}). Graph accepts it
     * like Send As for {@code Mail.Send.Shared} sends ("Send Outlook messages from another user", Microsoft Learn).
     */
    public User grantSendOnBehalf(String userUpn) {
        return grant(Permission.SEND_ON_BEHALF, userUpn);
    }

    public User revokeSendOnBehalf(String userUpn) {
        return revoke(Permission.SEND_ON_BEHALF, userUpn);
    }

    public boolean hasAccess(String userUpn) {
        return holds(Permission.FULL_ACCESS, userUpn);
    }

    public boolean allowsSendAs(String userUpn) {
        return holds(Permission.SEND_AS, userUpn);
    }

    /** Whether {@code userUpn} may put this mailbox in From in Graph: its owner, Send As or Send on Behalf. */
    public boolean allowsSendFrom(String userUpn) {
        return holds(Permission.SEND_AS, userUpn) || holds(Permission.SEND_ON_BEHALF, userUpn);
    }

    public Set<String> delegates() {
        return Set.copyOf(grantees.get(Permission.FULL_ACCESS));
    }

    public Set<String> sendAsGrantees() {
        return Set.copyOf(grantees.get(Permission.SEND_AS));
    }

    public Set<String> sendOnBehalfGrantees() {
        return Set.copyOf(grantees.get(Permission.SEND_ON_BEHALF));
    }

    private User grant(Permission permission, String userUpn) {
        grantees.get(permission).add(userUpn.toLowerCase(Locale.ROOT));
        return this;
    }

    private User revoke(Permission permission, String userUpn) {
        grantees.get(permission).remove(userUpn.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The owner holds every permission on its own mailbox. */
    private boolean holds(Permission permission, String userUpn) {
        String u = userUpn.toLowerCase(Locale.ROOT);
        return u.equals(upn) || grantees.get(permission).contains(u);
    }

    /** Per-mailbox SMTP AUTH switch (Exchange's {@code SmtpClientAuthenticationDisabled} on the CAS mailbox). */
    public User smtpAuthEnabled(boolean enabled) {
        this.smtpAuthEnabled = enabled;
        return this;
    }

    public boolean smtpAuthEnabled() {
        return smtpAuthEnabled;
    }

    /**
     * Revokes every refresh token issued to this user before now, as a password reset or "revoke sessions" does
     * (AADSTS50173).
     */
    public User revokeAllGrants(Instant now) {
        this.grantsRevokedAt = now;
        return this;
    }

    public Instant grantsRevokedAt() {
        return grantsRevokedAt;
    }

    /**
     * Assigns app roles of the app {@code clientId} to this user (Entra's "Users and groups" of the enterprise
     * application): the app's id tokens and delegated access tokens whose audience is that app carry them in
     * {@code roles}. Adds to earlier assignments. Not checked against the roles the app defines
     * ({@link AppRegistration#appRole}), so a test may assign roles of an app registered later.
     */
    public User appRoles(String clientId, String... roles) {
        appRoles.computeIfAbsent(clientId, c -> ConcurrentHashMap.newKeySet()).addAll(List.of(roles));
        return this;
    }

    /** Removes every app role assignment of this user on the app {@code clientId}. */
    public User revokeAppRoles(String clientId) {
        appRoles.remove(clientId);
        return this;
    }

    /** The app roles assigned to this user on the app {@code clientId}, sorted. */
    public Set<String> appRoles(String clientId) {
        return new TreeSet<>(appRoles.getOrDefault(clientId, Set.of()));
    }

    /** Every app role assignment of this user: client id to roles, sorted. */
    public Map<String, Set<String>> appRoleAssignments() {
        Map<String, Set<String>> copy = new TreeMap<>();
        appRoles.forEach((app, roles) -> copy.put(app, new TreeSet<>(roles)));
        return copy;
    }

    /**
     * Makes the user a member of these security groups (object ids): id tokens of apps with
     * {@code groupMembershipClaims("SecurityGroup")} or {@code "All"} carry them in {@code groups}. Adds to earlier
     * ones.
     */
    public User groups(String... groupObjectIds) {
        groups.addAll(List.of(groupObjectIds));
        return this;
    }

    public User removeGroups(String... groupObjectIds) {
        groups.removeAll(List.of(groupObjectIds));
        return this;
    }

    /** The object ids of the user's groups, sorted. */
    public Set<String> groups() {
        return new TreeSet<>(groups);
    }

    public Mailbox mailbox() {
        return new Mailbox(id, upn, tenant.id(), displayName, shared);
    }
}
