package io.exchangebridge.simulator.entra;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.Resources;

/**
 * A parsed {@code scope} parameter: the OpenID Connect scopes and at most one resource with its permissions. Bare names
 * ({@code Mail.ReadWrite}) belong to Graph; {@code https://outlook.office.com/SMTP.Send} to Outlook.
 *
 * @param raw
 *            the scope parameter as sent
 * @param resource
 *            the token audience as the client spelled it (no trailing slash), Graph when only OIDC scopes were asked
 * @param permissions
 *            the resource's scopes without prefix; {@code .default} stands for all granted ones
 * @param oidc
 *            {@code openid}, {@code profile}, {@code email}, {@code offline_access} as requested
 * @param prefixed
 *            whether the client wrote the resource's scopes with the resource prefix (echoed the same way)
 * @param api
 *            the app registration exposing the resource when it is a custom API (its client id or an Application ID
 *            URI), empty for Microsoft's resources
 */
public record ScopeRequest(String raw, String resource, Set<String> permissions, Set<String> oidc, boolean prefixed,
        Optional<AppRegistration> api) {

    /** Finds the app registration exposing a custom API by its client id or Application ID URI. */
    public interface Apis extends Function<String, Optional<AppRegistration>> {

        /** No custom APIs: only Microsoft's resources are known. */
        Apis NONE = resource -> Optional.empty();
    }

    private static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
    private static final Set<String> KNOWN_RESOURCES = Set.of(Resources.GRAPH, Resources.OUTLOOK,
            Resources.OUTLOOK_365);
    private static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    /**
     * Parses {@code scope}.
     *
     * @throws EntraException
     *             AADSTS70011 when scopes of different resources are mixed, AADSTS500011 for an unknown resource
     */
    public static ScopeRequest parse(String scope, String tenant) {
        return parse(scope, tenant, Apis.NONE);
    }

    /** Parses {@code scope}, knowing the custom APIs of the tenant through {@code apis}. */
    public static ScopeRequest parse(String scope, String tenant, Apis apis) {
        Set<String> oidc = new LinkedHashSet<>();
        Map<String, Set<String>> byResource = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        boolean prefixed = split(scope, tenant, apis, oidc, byResource, spelling);
        if (byResource.size() > 1) {
            throw EntraException.mixedScopes(scope);
        }
        if (byResource.isEmpty()) {
            return new ScopeRequest(scope, Resources.GRAPH, Set.of(), Set.copyOf(oidc), false, Optional.empty());
        }
        String canonical = byResource.keySet().iterator().next();
        String resource = spelling.get(canonical);
        return new ScopeRequest(scope, resource, Set.copyOf(byResource.get(canonical)), Set.copyOf(oidc), prefixed,
                KNOWN_RESOURCES.contains(resource) ? Optional.empty() : apis.apply(resource));
    }

    /**
     * The permissions of an authorize request by resource (as spelled): unlike a token request, one sign-in may ask
     * consent for several resources.
     */
    public static Map<String, Set<String>> permissionsByResource(String scope, String tenant, Apis apis) {
        Map<String, Set<String>> byResource = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        split(scope, tenant, apis, new LinkedHashSet<>(), byResource, spelling);
        Map<String, Set<String>> result = new LinkedHashMap<>();
        byResource.forEach((canonical, permissions) -> result.put(spelling.get(canonical), permissions));
        return result;
    }

    private static boolean split(String scope, String tenant, Apis apis, Set<String> oidc,
            Map<String, Set<String>> byResource, Map<String, String> spelling) {
        boolean prefixed = false;
        for (String item : scope.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            if (OIDC.contains(item.toLowerCase(Locale.ROOT))) {
                oidc.add(item.toLowerCase(Locale.ROOT));
                continue;
            }
            int slash = item.lastIndexOf('/');
            String resource = slash < 0 ? Resources.GRAPH : Resources.strip(item.substring(0, slash));
            if (resource.equals(GRAPH_APP_ID)) {
                resource = Resources.GRAPH;
            }
            prefixed |= slash >= 0;
            String canonical;
            if (KNOWN_RESOURCES.contains(resource)) {
                canonical = Resources.canonical(resource);
            } else {
                String spelled = resource;
                canonical = apis.apply(resource).map(a -> Resources.canonical(a.clientId()))
                        .orElseThrow(() -> EntraException.resourceNotFound(spelled, tenant));
            }
            spelling.putIfAbsent(canonical, resource);
            byResource.computeIfAbsent(canonical, r -> new LinkedHashSet<>())
                    .add(slash < 0 ? item : item.substring(slash + 1));
        }
        return prefixed;
    }

    /** The token's {@code aud}: a custom API's client id (v2 tokens), else the resource as requested. */
    public String audience() {
        return api.map(AppRegistration::clientId).orElse(Resources.strip(resource));
    }

    /** The key grants and consent of this resource are recorded under: a custom API's client id, else the resource. */
    public String grantKey() {
        return api.map(AppRegistration::clientId).orElse(resource);
    }

    /** True for {@code {resource}/.default}. */
    public boolean isDefault() {
        return permissions.contains(".default");
    }

    public boolean offlineAccess() {
        return oidc.contains("offline_access");
    }

    public boolean openid() {
        return oidc.contains("openid");
    }

    /** The {@code scope} of the token response: the granted permissions, spelled as requested, plus OIDC scopes. */
    public String responseScope(Set<String> granted) {
        List<String> parts = granted.stream().sorted()
                .map(p -> prefixed || !resource.equals(Resources.GRAPH) ? resource + "/" + p : p).toList();
        Set<String> all = new LinkedHashSet<>(parts);
        all.addAll(oidc.stream().sorted().toList());
        return String.join(" ", all);
    }
}
