package io.exchangebridge.credential.credential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The one Scope string of the vendor guides ({@code Mail.ReadWrite offline_access},
 * {@code https://outlook.office.com/SMTP.Send offline_access}, {@code https://graph.microsoft.com/.default}) read into
 * the credential's scopes per resource, and derived back from them for the views.
 *
 * <p> Bare names and {@code https://graph.microsoft.com/X} belong to Microsoft Graph;
 * {@code https://outlook.office.com/X} and {@code https://outlook.office365.com/X} to Outlook (Exchange Online); the
 * application ids of both resources are understood as their prefix too. {@code offline_access}, {@code openid},
 * {@code profile} and {@code email} are OpenID Connect scopes, not a resource: the service asks for them itself in
 * delegated sign-ins. One string names one resource, because Entra ID issues a token for one resource per request
 * (AADSTS70011, AADSTS28000).
 */
public final class ScopeString {

    static final int MAX_LENGTH = 1000;

    private static final String DEFAULT = ".default";
    private static final Set<String> OIDC = Resources.OIDC_SCOPES;
    private static final Map<String, String> PREFIXES = Map.of(
            "https://graph.microsoft.com", Resources.GRAPH,
            "00000003-0000-0000-c000-000000000000", Resources.GRAPH,
            "https://outlook.office.com", Resources.OUTLOOK,
            "https://outlook.office365.com", Resources.OUTLOOK,
            "00000002-0000-0ff1-ce00-000000000000", Resources.OUTLOOK);
    /** Exchange Online permissions that only an Outlook token carries, though a bare name would mean Graph. */
    private static final Set<String> OUTLOOK_ONLY = Set.of("SMTP.Send", "SMTP.SendAsApp", "IMAP.AccessAsUser.All",
            "POP.AccessAsUser.All", "EWS.AccessAsUser.All", "IMAP.AccessAsApp", "POP.AccessAsApp",
            "full_access_as_app");
    private static final Pattern PERMISSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}|\\.default");
    private static final String EXAMPLES = "e.g. 'Mail.ReadWrite offline_access', "
            + "'https://outlook.office.com/SMTP.Send offline_access' or 'https://graph.microsoft.com/.default'";

    /**
     * What a Scope string says.
     *
     * @param scopes
     *            the scopes per resource ({@code graph} or {@code outlook}) as the credential stores them, or null
     * @param error
     *            why the string cannot be used and what to write instead (a field error's message), or null
     */
    public record Parsed(Map<String, List<String>> scopes, String error) {

        static Parsed ok(String resource, List<String> scopes) {
            return new Parsed(Map.of(resource, List.copyOf(scopes)), null);
        }

        static Parsed error(String message) {
            return new Parsed(null, message);
        }

        public boolean valid() {
            return error == null;
        }
    }

    private ScopeString() {
    }

    /** Reads {@code scope} for a credential of {@code grant}. */
    public static Parsed parse(String scope, GrantType grant) {
        if (scope == null || scope.isBlank()) {
            return Parsed.error("is required: one Scope string, " + EXAMPLES);
        }
        if (scope.length() > MAX_LENGTH) {
            return Parsed.error("is too long (at most " + MAX_LENGTH + " characters)");
        }
        if (scope.contains(",") || scope.contains(";")) {
            return Parsed.error("separates scopes with spaces, not commas: write '"
                    + String.join(" ", scope.trim().split("[\\s,;]+")) + "'");
        }
        boolean delegated = grant == GrantType.AUTHORIZATION_CODE;
        Set<String> oidc = new LinkedHashSet<>();
        Map<String, Set<String>> byResource = new LinkedHashMap<>();
        for (String item : scope.trim().split("\\s+")) {
            if (OIDC.contains(item.toLowerCase(Locale.ROOT))) {
                oidc.add(item.toLowerCase(Locale.ROOT));
                continue;
            }
            if (OUTLOOK_ONLY.contains(item)) {
                return Parsed.error("contains " + item + " without a prefix, which Entra ID reads as a Microsoft Graph "
                        + "permission: a Graph token is refused by Exchange's SMTP, IMAP and POP. Write '"
                        + uri(Resources.OUTLOOK, delegated)
                        + (delegated ? "/" + item + " offline_access'" : "/.default'"));
            }
            Optional<String[]> split = split(item);
            if (split.isEmpty()) {
                return Parsed.error(unknown(item));
            }
            byResource.computeIfAbsent(split.get()[0], r -> new LinkedHashSet<>()).add(split.get()[1]);
        }
        if (byResource.size() > 1) {
            return Parsed.error(mixed(byResource, delegated));
        }
        if (!delegated) {
            return clientCredentials(byResource, oidc);
        }
        if (byResource.isEmpty()) {
            return Parsed.error("names no permission, only '" + String.join(" ", oidc)
                    + "': add what the app may do, e.g. 'Mail.ReadWrite offline_access' or "
                    + "'https://outlook.office.com/SMTP.Send offline_access'");
        }
        String resource = byResource.keySet().iterator().next();
        Set<String> permissions = byResource.get(resource);
        if (permissions.contains(DEFAULT) && permissions.size() > 1) {
            List<String> named = permissions.stream().filter(p -> !DEFAULT.equals(p)).toList();
            return Parsed.error("combines " + uri(resource, true) + "/.default with named scopes of the same resource ("
                    + String.join(" ", named) + "), which Entra ID refuses (AADSTS70011): write either '"
                    + uri(resource, true) + "/.default offline_access' (every permission granted to the app) or '"
                    + format(resource, List.copyOf(named), true) + "'");
        }
        return Parsed.ok(resource, List.copyOf(permissions));
    }

    private static Parsed clientCredentials(Map<String, Set<String>> byResource, Set<String> oidc) {
        String resource = byResource.isEmpty() ? Resources.GRAPH : byResource.keySet().iterator().next();
        String instead = uri(resource, false) + "/.default";
        if (!oidc.isEmpty()) {
            return Parsed.error("asks for '" + String.join(" ", oidc) + "', which only a user's sign-in grants: "
                    + "client credentials gets no refresh token and no user. Write '" + instead + "'");
        }
        if (byResource.isEmpty()) {
            return Parsed.error("is required: one Scope string, e.g. 'https://graph.microsoft.com/.default'");
        }
        Set<String> permissions = byResource.get(resource);
        if (!permissions.equals(Set.of(DEFAULT))) {
            List<String> named = permissions.stream().filter(p -> !DEFAULT.equals(p)).toList();
            return Parsed.error("names the scope" + (named.size() > 1 ? "s " : " ") + String.join(" ", named)
                    + ", but client credentials gets the application permissions granted to the app in Entra ID as one '"
                    + "{resource}/.default' (AADSTS1002012 otherwise): write '" + instead + "' and grant "
                    + String.join(", ", named) + " as application permission" + (named.size() > 1 ? "s" : ""));
        }
        return Parsed.ok(resource, List.of());
    }

    /** {@code [resource key, permission]} of one scope, or empty when it is not a Graph or Outlook scope. */
    private static Optional<String[]> split(String item) {
        int slash = item.lastIndexOf('/');
        String prefix = slash < 0 ? null : item.substring(0, slash).toLowerCase(Locale.ROOT);
        String permission = slash < 0 ? item : item.substring(slash + 1);
        String resource = prefix == null ? Resources.GRAPH : PREFIXES.get(prefix);
        if (resource == null || !PERMISSION.matcher(permission).matches()) {
            return Optional.empty();
        }
        return Optional.of(new String[]{resource, permission});
    }

    private static String unknown(String item) {
        String lower = item.toLowerCase(Locale.ROOT);
        if (PREFIXES.containsKey(lower) || PREFIXES.containsKey(lower.replaceAll("/+$", ""))) {
            String uri = item.replaceAll("/+$", "");
            return "names the resource " + uri + " without a permission: write '" + uri + "/.default' or a "
                    + "permission such as '" + uri + "/" + (lower.contains("outlook") ? "SMTP.Send" : "Mail.ReadWrite")
                    + "'";
        }
        return "contains '" + item + "', which is not a Microsoft Graph or Outlook scope: write a Graph permission "
                + "by name (Mail.ReadWrite) or as https://graph.microsoft.com/Mail.ReadWrite, an Outlook one as "
                + "https://outlook.office.com/SMTP.Send, or {resource}/.default (for any other resource use the "
                + "structured scopes map)";
    }

    private static String mixed(Map<String, Set<String>> byResource, boolean delegated) {
        List<String> each = new ArrayList<>();
        byResource.forEach((resource, permissions) -> each
                .add(delegated
                        ? format(resource, List.copyOf(permissions), true)
                        : uri(resource, false) + "/.default"));
        return "mixes " + byResource.size() + " resources (" + String.join("; ", byResource.keySet().stream()
                .map(ScopeString::name).toList()) + "), but Entra ID issues a token for one resource per request "
                + "(AADSTS70011, AADSTS28000): register one credential per resource, with '" + String.join("' and '",
                        each)
                + "'";
    }

    private static String name(String resource) {
        return Resources.GRAPH.equals(resource) ? "Microsoft Graph" : "Outlook";
    }

    /**
     * The one Scope string of a credential's scopes, or empty when it has scopes for more than one resource or for a
     * resource other than Graph and Outlook (only the structured map can say that).
     */
    public static Optional<String> of(Map<String, List<String>> scopes, boolean delegated) {
        Map<String, Set<String>> normal = normalize(scopes, delegated);
        if (normal.size() != 1) {
            return Optional.empty();
        }
        var only = normal.entrySet().iterator().next();
        if (!only.getKey().equals(Resources.GRAPH) && !only.getKey().equals(Resources.OUTLOOK)) {
            return Optional.empty();
        }
        if (!delegated) {
            return Optional.of(uri(only.getKey(), false) + "/.default");
        }
        List<String> ordered = new ArrayList<>();
        scopes.values().forEach(list -> ordered.addAll(list == null ? List.of() : list));
        ordered.removeIf(s -> OIDC.contains(s.toLowerCase(Locale.ROOT)));
        return Optional.of(format(only.getKey(), ordered.stream().map(ScopeString::bare).distinct().toList(), true));
    }

    /** A delegated Scope string of one resource's permissions, with {@code offline_access}. */
    private static String format(String resource, List<String> permissions, boolean delegated) {
        List<String> items = new ArrayList<>();
        for (String p : permissions) {
            items.add(Resources.GRAPH.equals(resource) && !DEFAULT.equals(p) ? p : uri(resource, delegated) + "/" + p);
        }
        items.add("offline_access");
        return String.join(" ", items);
    }

    /**
     * Two scope maps with the same meaning are equal after this: resources by their key ({@code graph},
     * {@code outlook}, else the resource URI), permissions without their resource prefix, no OpenID Connect scopes, and
     * {@code .default} for an application's empty list.
     */
    public static Map<String, Set<String>> normalize(Map<String, List<String>> scopes, boolean delegated) {
        Map<String, Set<String>> result = new TreeMap<>();
        if (scopes == null) {
            return result;
        }
        scopes.forEach((key, list) -> {
            String uri = Resources.uri(key, delegated).orElse(key);
            String resource = Optional.ofNullable(PREFIXES.get(uri.toLowerCase(Locale.ROOT))).orElse(uri);
            Set<String> permissions = new TreeSet<>();
            for (String s : list == null ? List.<String>of() : list) {
                if (s != null && !OIDC.contains(s.toLowerCase(Locale.ROOT))) {
                    permissions.add(bare(s));
                }
            }
            if (!delegated) {
                permissions.remove(DEFAULT);
            }
            result.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(permissions);
        });
        return result;
    }

    private static String bare(String scope) {
        int slash = scope.lastIndexOf('/');
        return slash >= 0 && scope.contains("://") ? scope.substring(slash + 1) : scope;
    }

    /** The resource URI of {@code graph} or {@code outlook}. */
    private static String uri(String resource, boolean delegated) {
        return Resources.uri(resource, delegated).orElseThrow();
    }
}
