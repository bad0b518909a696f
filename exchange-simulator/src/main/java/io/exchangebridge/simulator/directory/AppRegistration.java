package io.exchangebridge.simulator.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An app registration (with its service principal) in a simulated tenant: credentials, redirect URIs, granted
 * application roles, consented delegated scopes. Fluent setters return {@code this}. Thread-safe.
 */
public final class AppRegistration {

    private final Tenant tenant;
    private final String clientId;
    private final String servicePrincipalId;
    private final List<ClientSecret> secrets = new CopyOnWriteArrayList<>();
    private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();
    private final List<FederatedCredential> federatedCredentials = new CopyOnWriteArrayList<>();
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    /** Application ID URIs ("Expose an API"), lower-cased without trailing slash. */
    private final Set<String> identifierUris = ConcurrentHashMap.newKeySet();
    /** The app roles this app defines (manifest {@code appRoles}, by value). */
    private final Set<String> definedRoles = ConcurrentHashMap.newKeySet();
    /** canonical resource -> application roles granted (admin consented). */
    private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();
    /** canonical resource -> delegated scopes consented for all users (admin consent). */
    private final Map<String, Set<String>> adminConsent = new ConcurrentHashMap<>();
    /** user id -> canonical resource -> delegated scopes the user consented to. */
    private final Map<String, Map<String, Set<String>>> userConsent = new ConcurrentHashMap<>();
    /** Exchange application access policy: the only mailboxes app-only tokens may reach; empty = all. */
    private final Set<String> policyMailboxes = ConcurrentHashMap.newKeySet();
    private volatile String displayName;
    private volatile boolean enabled = true;
    private volatile boolean publicClient;
    private volatile boolean consentWithheld;
    private volatile String groupMembershipClaims = "None";

    AppRegistration(Tenant tenant, String clientId) {
        this.tenant = tenant;
        this.clientId = clientId;
        this.servicePrincipalId = UUID
                .nameUUIDFromBytes(("sp:" + tenant.id() + ":" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
        this.displayName = "App " + clientId;
    }

    public String clientId() {
        return clientId;
    }

    public Tenant tenant() {
        return tenant;
    }

    /** Object id of the service principal: the {@code oid} of application tokens. */
    public String servicePrincipalId() {
        return servicePrincipalId;
    }

    public String displayName() {
        return displayName;
    }

    public AppRegistration displayName(String displayName) {
        this.displayName = displayName;
        return this;
    }

    /** Adds a client secret valid until {@code expiresAt}; returns this app. */
    public AppRegistration secret(String value, Instant expiresAt) {
        secrets.add(new ClientSecret(UUID.randomUUID().toString(), value, expiresAt));
        return this;
    }

    /** Moves the expiry of every secret with this value to {@code expiresAt} (fault: AADSTS7000222). */
    public AppRegistration expireSecret(String value, Instant expiresAt) {
        secrets.replaceAll(s -> s.value().equals(value) ? new ClientSecret(s.id(), s.value(), expiresAt) : s);
        return this;
    }

    public AppRegistration removeSecrets() {
        secrets.clear();
        return this;
    }

    public List<ClientSecret> secrets() {
        return List.copyOf(secrets);
    }

    /** Registers a certificate whose private key signs {@code client_assertion}s. */
    public AppRegistration certificate(X509Certificate certificate) {
        certificates.add(certificate);
        return this;
    }

    /**
     * The registered certificate with this thumbprint, SHA-256 ({@code x5t#S256}) or SHA-1 ({@code x5t}), in base64url,
     * base64 (MSAL4J sends padded standard base64) or hex.
     */
    public Optional<X509Certificate> certificateByThumbprint(String thumbprint) {
        String presented = normalizeThumbprint(thumbprint);
        return certificates.stream().filter(
                c -> presented.equals(thumbprint(c, "SHA-256")) || presented.equals(thumbprint(c, "SHA-1")))
                .findFirst();
    }

    private static String normalizeThumbprint(String thumbprint) {
        if (thumbprint.matches("(?i)[0-9a-f]{40}|[0-9a-f]{64}")) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(thumbprint));
        }
        return thumbprint.replace('+', '-').replace('/', '_').replace("=", "");
    }

    public List<X509Certificate> certificates() {
        return List.copyOf(certificates);
    }

    /** Trusts JWTs of {@code issuer} for {@code subject}, signed with {@code key}, as client assertions. */
    public AppRegistration federatedCredential(String issuer, String subject, PublicKey key) {
        federatedCredentials.add(new FederatedCredential(issuer, subject, FederatedCredential.DEFAULT_AUDIENCE, key));
        return this;
    }

    /**
     * A federated identity credential as the Azure portal registers it ("Kubernetes accessing Azure resources": issuer,
     * subject, audience): assertions of {@code issuer} for {@code subject} whose {@code aud} contains {@code audience}
     * (normally {@link FederatedCredential#DEFAULT_AUDIENCE}) are verified with the issuer's signing keys, fetched from
     * its OpenID configuration's {@code jwks_uri} at each assertion.
     */
    public AppRegistration federatedCredential(String issuer, String subject, String audience) {
        federatedCredentials.add(new FederatedCredential(issuer, subject, audience, null));
        return this;
    }

    /** Like {@link #federatedCredential(String, String, String)} with the issuer's key given instead of fetched. */
    public AppRegistration federatedCredential(String issuer, String subject, String audience, PublicKey key) {
        federatedCredentials.add(new FederatedCredential(issuer, subject, audience, key));
        return this;
    }

    public List<FederatedCredential> federatedCredentials() {
        return List.copyOf(federatedCredentials);
    }

    public AppRegistration redirectUri(String uri) {
        redirectUris.add(uri);
        return this;
    }

    public Set<String> redirectUris() {
        return Set.copyOf(redirectUris);
    }

    /**
     * Grants application roles (admin consented), e.g. {@code (Resources.GRAPH, "Mail.ReadWrite")}, or on a custom API
     * of the tenant named by its Application ID URI or client id, e.g. {@code ("api://exchange-bridge",
     * "Bridge.Token")}.
     *
     * @throws IllegalArgumentException
     *             when no app of the tenant exposes the custom API, or the API defines no such app role (the Azure
     *             portal offers only defined roles)
     */
    public AppRegistration applicationRoles(String resource, String... granted) {
        if (!Resources.microsoft(resource)) {
            AppRegistration api = tenant.findApi(resource).orElseThrow(() -> new IllegalArgumentException(
                    "No app registration of tenant " + tenant.domain() + " exposes the API '" + resource + "'"));
            for (String role : granted) {
                if (!api.definedRoles.contains(role)) {
                    throw new IllegalArgumentException("The API '" + resource + "' (" + api.clientId()
                            + ") defines no app role '" + role + "'; it defines " + new TreeSet<>(api.definedRoles));
                }
            }
        }
        roles.computeIfAbsent(key(resource), r -> ConcurrentHashMap.newKeySet()).addAll(List.of(granted));
        return this;
    }

    public AppRegistration revokeApplicationRoles(String resource) {
        roles.remove(key(resource));
        return this;
    }

    /**
     * The key grants on {@code resource} are kept under: Microsoft's resources canonical, a custom API of the tenant by
     * its client id (so its Application ID URI and its client id name the same grants).
     */
    private String key(String resource) {
        if (Resources.microsoft(resource)) {
            return Resources.canonical(resource);
        }
        return tenant.findApi(resource).map(api -> Resources.canonical(api.clientId()))
                .orElse(Resources.canonical(resource));
    }

    /**
     * Whether {@code resource} (stripped) names this app as an API: its client id, {@code api://{client id}} or one of
     * its Application ID URIs.
     */
    boolean identifiedBy(String resource) {
        String id = clientId.toLowerCase(Locale.ROOT);
        return resource.equals(id) || resource.equals("api://" + id) || identifierUris.contains(resource);
    }

    /**
     * Adds an Application ID URI ("Expose an API", manifest {@code identifierUris}), e.g.
     * {@code api://exchange-bridge}: clients ask for {@code api://exchange-bridge/.default} and get tokens whose
     * {@code aud} is this app's client id (v2 access tokens).
     */
    public AppRegistration identifierUri(String uri) {
        identifierUris.add(Resources.strip(uri));
        return this;
    }

    public Set<String> identifierUris() {
        return new TreeSet<>(identifierUris);
    }

    /**
     * Defines an app role of this app (manifest {@code appRoles}, its {@code value}), assignable to applications
     * ({@link #applicationRoles} of another app) and users ({@link User#appRoles}).
     */
    public AppRegistration appRole(String value) {
        if (value == null || value.isBlank() || value.contains(" ")) {
            throw new IllegalArgumentException("An app role value is a non-empty word without spaces: '" + value + "'");
        }
        definedRoles.add(value);
        return this;
    }

    /** The app roles this app defines, sorted. */
    public Set<String> definedAppRoles() {
        return new TreeSet<>(definedRoles);
    }

    /** All granted application roles by (canonical) resource. */
    public Map<String, Set<String>> applicationRoles() {
        Map<String, Set<String>> copy = new TreeMap<>();
        roles.forEach((r, granted) -> copy.put(r, new TreeSet<>(granted)));
        return copy;
    }

    /** All admin-consented delegated scopes by (canonical) resource. */
    public Map<String, Set<String>> consentedScopes() {
        Map<String, Set<String>> copy = new TreeMap<>();
        adminConsent.forEach((r, scopes) -> copy.put(r, new TreeSet<>(scopes)));
        return copy;
    }

    public Set<String> applicationRoles(String resource) {
        return Set.copyOf(roles.getOrDefault(key(resource), Set.of()));
    }

    /** Admin consent to delegated scopes for every user, e.g. {@code (Resources.OUTLOOK, "SMTP.Send")}. */
    public AppRegistration consentedScopes(String resource, String... scopes) {
        adminConsent.computeIfAbsent(key(resource), r -> ConcurrentHashMap.newKeySet())
                .addAll(List.of(scopes));
        return this;
    }

    /** Records the consent a user gave on the consent page. */
    public void recordUserConsent(String userId, String resource, Set<String> scopes) {
        userConsent.computeIfAbsent(userId, u -> new ConcurrentHashMap<>())
                .computeIfAbsent(key(resource), r -> ConcurrentHashMap.newKeySet()).addAll(scopes);
    }

    /** Removes admin and user consent (the user must consent again; withheld consent makes that impossible). */
    public AppRegistration revokeConsent() {
        adminConsent.clear();
        userConsent.clear();
        return this;
    }

    /** The delegated scopes of {@code resource} consented for {@code userId}, by the user or an admin. */
    public Set<String> consentedScopesOf(String userId, String resource) {
        String r = key(resource);
        Set<String> all = new TreeSet<>(adminConsent.getOrDefault(r, Set.of()));
        all.addAll(userConsent.getOrDefault(userId, Map.of()).getOrDefault(r, Set.of()));
        return all;
    }

    /** Whether {@code userId} (or an admin for everyone) consented to all {@code scopes} of {@code resource}. */
    public boolean consented(String userId, String resource, Set<String> scopes) {
        String r = key(resource);
        Set<String> admin = adminConsent.getOrDefault(r, Set.of());
        Set<String> user = userConsent.getOrDefault(userId, Map.of()).getOrDefault(r, Set.of());
        return scopes.stream().allMatch(s -> admin.contains(s) || user.contains(s));
    }

    /**
     * Withholds consent (fault: AADSTS65001): the consent page cannot grant, delegated grants of unconsented scopes
     * fail, and refreshes fail even for scopes consented before.
     */
    public AppRegistration consentWithheld(boolean withheld) {
        this.consentWithheld = withheld;
        return this;
    }

    public boolean consentWithheld() {
        return consentWithheld;
    }

    /**
     * Restricts app-only access to these mailboxes, like Exchange's {@code New-ApplicationAccessPolicy -AccessRight
     * RestrictAccess}; Graph then refuses other mailboxes. Adds to earlier restrictions.
     */
    public AppRegistration restrictToMailboxes(String... upns) {
        for (String upn : upns) {
            policyMailboxes.add(upn.toLowerCase(Locale.ROOT));
        }
        return this;
    }

    public AppRegistration removeMailboxRestriction() {
        policyMailboxes.clear();
        return this;
    }

    /** Whether the application access policy (if any) lets app-only tokens reach this mailbox. */
    public boolean policyAllows(String mailboxUpn) {
        return policyMailboxes.isEmpty() || policyMailboxes.contains(mailboxUpn.toLowerCase(Locale.ROOT));
    }

    public Set<String> restrictedToMailboxes() {
        return Set.copyOf(policyMailboxes);
    }

    /**
     * The manifest's {@code groupMembershipClaims}: {@code "SecurityGroup"} or {@code "All"} put the user's group
     * object ids in the {@code groups} claim of this app's id tokens; {@code "None"} (the default) leaves it out. The
     * simulator knows only security groups, so {@code "All"} is the same as {@code "SecurityGroup"}.
     *
     * @throws IllegalArgumentException
     *             for other values ({@code DirectoryRole} and {@code ApplicationGroup} are not simulated)
     */
    public AppRegistration groupMembershipClaims(String value) {
        if (!Set.of("None", "SecurityGroup", "All").contains(value)) {
            throw new IllegalArgumentException("groupMembershipClaims '" + value
                    + "' is not simulated; use None, SecurityGroup or All");
        }
        this.groupMembershipClaims = value;
        return this;
    }

    public String groupMembershipClaims() {
        return groupMembershipClaims;
    }

    /** Whether this app's id tokens carry the {@code groups} claim. */
    public boolean emitsGroups() {
        return !"None".equals(groupMembershipClaims);
    }

    /** A disabled app cannot get tokens, and its tokens stop working (AADSTS700016 / 401 at Graph). */
    public AppRegistration enabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    /** A public client (desktop/mobile) redeems codes and refresh tokens without a client credential. */
    public AppRegistration publicClient(boolean publicClient) {
        this.publicClient = publicClient;
        return this;
    }

    /** True when code and refresh-token redemptions need no client credential. */
    public boolean publicClient() {
        return publicClient
                || (secrets.isEmpty() && certificates.isEmpty() && federatedCredentials.isEmpty());
    }

    static String thumbprint(X509Certificate certificate, String algorithm) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "AppRegistration[" + clientId + " in " + tenant.domain() + "]";
    }
}
