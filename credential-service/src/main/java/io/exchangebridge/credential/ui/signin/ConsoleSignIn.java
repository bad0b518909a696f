package io.exchangebridge.credential.ui.signin;

import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.exchangebridge.credential.config.CredentialConfig;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * How the person on a console page signed in: with Entra ID (the OIDC tenant {@value #TENANT}: an identity with an id
 * token, named by its UPN) or with HTTP Basic (an embedded user), and whether the console lets them in that way.
 */
@RequestScoped
public class ConsoleSignIn {

    /** The quarkus-oidc tenant of the console. */
    public static final String TENANT = "console";
    /** The console app registration's app role of administrators. */
    public static final String ADMIN_APP_ROLE = "Bridge.Admin";
    /** The console app registration's app role of readers. */
    public static final String READ_APP_ROLE = "Bridge.Read";
    /** The console's roles. */
    static final Set<String> CONSOLE_ROLES = Set.of("admin", "reader");

    private final SecurityIdentity identity;
    private final boolean basicAllowed;
    private final boolean entraConfigured;

    public ConsoleSignIn(SecurityIdentity identity, CredentialConfig config,
            @ConfigProperty(name = "quarkus.oidc.console.tenant-enabled", defaultValue = "false") boolean entra) {
        this.identity = identity;
        this.basicAllowed = config.console().basicSignIn();
        this.entraConfigured = entra;
    }

    /** Whether the request's identity signed in with Entra ID (has an id token), not with HTTP Basic. */
    public static boolean withEntra(SecurityIdentity identity) {
        return !identity.isAnonymous() && identity.getCredential(IdTokenCredential.class) != null;
    }

    public boolean withEntra() {
        return withEntra(identity);
    }

    /** Whether this identity may not use the console because it signed in with Basic, which is switched off. */
    public boolean basicRefused() {
        return !basicAllowed && !identity.isAnonymous() && !withEntra();
    }

    /** Whether the tenant {@value #TENANT} is switched on. */
    public boolean entraConfigured() {
        return entraConfigured;
    }

    public String user() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** Whether the identity holds one of the console's roles (admin, reader). */
    public boolean hasConsoleRole() {
        return CONSOLE_ROLES.stream().anyMatch(identity::hasRole);
    }

    /** The identity's roles, sorted: the mapped console roles and any unmapped app roles or group ids. */
    public Set<String> roles() {
        return new TreeSet<>(identity.getRoles());
    }
}
