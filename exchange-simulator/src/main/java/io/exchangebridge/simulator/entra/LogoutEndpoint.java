package io.exchangebridge.simulator.entra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;

/**
 * {@code GET /{tenant}/oauth2/v2.0/logout} (the discovery document's {@code end_session_endpoint}): signs the user out
 * and redirects to {@code post_logout_redirect_uri} when it is a redirect URI registered on an app of the tenant (Entra
 * requires the match), with {@code state} echoed; otherwise shows Entra's generic "You signed out" page. The simulator
 * keeps no single sign-on session (every authorize shows the sign-in page), so there is nothing else to end.
 */
final class LogoutEndpoint {

    private final SimulatedDirectory directory;

    LogoutEndpoint(SimulatedDirectory directory) {
        this.directory = directory;
    }

    AuthorizeOutcome handle(String tenantInPath, Map<String, String> params) {
        if (!Authorities.isMultiTenant(tenantInPath) && directory.findTenant(tenantInPath).isEmpty()) {
            return AuthorizeOutcome.page(400,
                    SignInPages.error(EntraException.tenantNotFound(tenantInPath).shortDescription()), "error", "",
                    "");
        }
        String target = params.get("post_logout_redirect_uri");
        if (target == null || target.isBlank() || !registered(tenantInPath, target)) {
            return AuthorizeOutcome.page(200, SignInPages.signedOut(), "page.signed-out", "", "");
        }
        String state = params.get("state");
        String location = state == null
                ? target
                : target + (target.contains("?") ? '&' : '?') + "state="
                        + URLEncoder.encode(state, StandardCharsets.UTF_8);
        return new AuthorizeOutcome("redirect.signed-out", "", "", 302, null, location);
    }

    private boolean registered(String tenantInPath, String uri) {
        List<Tenant> tenants = Authorities.isMultiTenant(tenantInPath)
                ? List.copyOf(directory.tenants())
                : directory.findTenant(tenantInPath).stream().toList();
        return tenants.stream().flatMap(t -> t.apps().stream()).anyMatch(a -> a.redirectUris().contains(uri));
    }
}
