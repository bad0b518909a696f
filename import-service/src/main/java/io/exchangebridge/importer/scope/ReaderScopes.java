package io.exchangebridge.importer.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.exchangebridge.importer.config.ImporterConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The {@link MailboxScope} of the caller, from {@code importer.readers."<principal>".mailboxes}: admins read every
 * account; a principal with an entry only the accounts it names; any other principal every account
 * ({@code importer.unlisted-readers=all}, the default, so that deployments from before scoped readers keep working) or
 * none ({@code none}, the rule smtp-service applies to senders without {@code relay.api-senders} entry). The default is
 * made visible: at startup a log line names the scoped principals and the unrestricted readers known from
 * configuration, and each other unrestricted principal is logged at its first read.
 */
@ApplicationScoped
public class ReaderScopes {

    /** The role that is never scoped. */
    private static final String ADMIN = "admin";
    /** Unrestricted principals logged at most this many times (principal names are authenticated, but bounded). */
    private static final int MAX_LOGGED = 1000;

    private final ImporterConfig config;
    private final SecurityIdentity identity;
    private final Map<String, MailboxScope> scoped = new TreeMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public ReaderScopes(ImporterConfig config, SecurityIdentity identity) {
        this.config = config;
        this.identity = identity;
        config.readers().forEach((principal, reader) -> {
            try {
                scoped.put(principal, new MailboxScope.Only(reader.mailboxes()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("importer.readers.\"" + principal + "\".mailboxes: " + e.getMessage(),
                        e);
            }
        });
    }

    /** The scope of the authenticated caller of the current request. */
    public MailboxScope current() {
        return of(identity.getPrincipal().getName(), identity.hasRole(ADMIN));
    }

    /** The scope of a principal; {@code admin}: every account. */
    public MailboxScope of(String principal, boolean admin) {
        if (admin) {
            return MailboxScope.ALL;
        }
        MailboxScope scope = scoped.get(principal);
        if (scope != null) {
            return scope;
        }
        if (config.unlistedReaders() == ImporterConfig.UnlistedReaders.NONE) {
            return new MailboxScope.Only(List.of());
        }
        if (logged.size() < MAX_LOGGED && logged.add(principal)) {
            Log.infof("Principal '%s' has no importer.readers entry and reads every mailbox account "
                    + "(importer.unlisted-readers=all)", principal);
        }
        return MailboxScope.ALL;
    }

    /** Says at startup who is scoped to what, and who reads everything. */
    void announce(@Observes StartupEvent start, Config all) {
        List<String> parts = new ArrayList<>();
        scoped.forEach((principal, scope) -> parts.add(principal + " → " + scope));
        String scopes = parts.isEmpty() ? "none" : String.join("; ", parts);
        if (config.unlistedReaders() == ImporterConfig.UnlistedReaders.NONE) {
            Log.infof("Mailbox readers scoped by importer.readers: %s. Principals without an entry read no mailbox "
                    + "account (importer.unlisted-readers=none); admins read all.", scopes);
            return;
        }
        Set<String> unrestricted = configuredReaders(all);
        unrestricted.removeAll(scoped.keySet());
        Log.infof("Mailbox readers scoped by importer.readers: %s. Principals without an entry read every mailbox "
                + "account (importer.unlisted-readers=all), configured ones: %s; others are logged at their first read.",
                scopes, unrestricted.isEmpty() ? "none" : String.join(", ", unrestricted));
    }

    /** Non-admin principals given a reading role in configuration (embedded users, foundation principal roles). */
    static Set<String> configuredReaders(Config all) {
        Set<String> readers = new TreeSet<>();
        for (String name : all.getPropertyNames()) {
            String principal = principalOf(name, "quarkus.security.users.embedded.roles.");
            if (principal == null) {
                principal = principalOf(name, "bridge-auth.principal-roles.");
            }
            if (principal == null) {
                continue;
            }
            List<String> roles = all.getOptionalValues(name, String.class).orElse(List.of()).stream()
                    .map(String::trim).toList();
            if (!roles.contains(ADMIN)
                    && (roles.contains("reader") || roles.contains("trigger") || roles.contains("writer"))) {
                readers.add(principal);
            }
        }
        return readers;
    }

    private static String principalOf(String property, String prefix) {
        if (!property.startsWith(prefix) || property.length() == prefix.length()) {
            return null;
        }
        String key = property.substring(prefix.length());
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1)
                : key;
    }
}
