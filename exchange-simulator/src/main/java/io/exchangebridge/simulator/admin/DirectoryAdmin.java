package io.exchangebridge.simulator.admin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;

import io.exchangebridge.simulator.admin.AdminInputs.AppInput;
import io.exchangebridge.simulator.admin.AdminInputs.FederatedInput;
import io.exchangebridge.simulator.admin.AdminInputs.SecretInput;
import io.exchangebridge.simulator.admin.AdminInputs.TenantInput;
import io.exchangebridge.simulator.admin.AdminInputs.UserInput;
import io.exchangebridge.simulator.admin.AdminViews.AppView;
import io.exchangebridge.simulator.admin.AdminViews.TenantView;
import io.exchangebridge.simulator.admin.AdminViews.UserView;
import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.FederatedCredential;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;
import io.exchangebridge.simulator.http.HttpExchanges;
import io.exchangebridge.simulator.http.PathRoutes;
import io.exchangebridge.simulator.http.PathRoutes.NotFoundException;

/** {@code /_sim/tenants/...}: the seeding API over HTTP. */
final class DirectoryAdmin {

    private static final Duration DEFAULT_SECRET_LIFETIME = Duration.ofDays(180);

    private final SimulatedDirectory directory;
    private final Clock clock;

    DirectoryAdmin(SimulatedDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    void register(PathRoutes routes) {
        routes.on("GET", "/_sim/tenants", (ex, v) -> HttpExchanges.sendJson(ex, 200,
                directory.tenants().stream().map(TenantView::of).toList()));
        routes.on("POST", "/_sim/tenants", this::createTenant);
        routes.on("GET", "/_sim/tenants/{tenant}", (ex, v) -> HttpExchanges.sendJson(ex, 200,
                TenantView.of(tenant(v))));
        routes.on("PATCH", "/_sim/tenants/{tenant}", (ex, v) -> {
            Tenant tenant = tenant(v);
            apply(tenant, HttpExchanges.readJson(ex, TenantInput.class));
            HttpExchanges.sendJson(ex, 200, TenantView.of(tenant));
        });
        routes.on("DELETE", "/_sim/tenants/{tenant}", (ex, v) -> {
            directory.removeTenant(tenant(v).id());
            HttpExchanges.sendEmpty(ex, 204);
        });

        routes.on("GET", "/_sim/tenants/{tenant}/users", (ex, v) -> HttpExchanges.sendJson(ex, 200,
                tenant(v).users().stream().map(UserView::of).toList()));
        routes.on("POST", "/_sim/tenants/{tenant}/users", this::createUser);
        routes.on("GET", "/_sim/tenants/{tenant}/users/{user}", (ex, v) -> HttpExchanges.sendJson(ex, 200,
                UserView.of(user(v))));
        routes.on("PATCH", "/_sim/tenants/{tenant}/users/{user}", (ex, v) -> {
            User user = user(v);
            apply(user, HttpExchanges.readJson(ex, UserInput.class));
            HttpExchanges.sendJson(ex, 200, UserView.of(user));
        });
        routes.on("DELETE", "/_sim/tenants/{tenant}/users/{user}", (ex, v) -> {
            tenant(v).removeUser(user(v).upn());
            HttpExchanges.sendEmpty(ex, 204);
        });

        routes.on("GET", "/_sim/tenants/{tenant}/apps", (ex, v) -> HttpExchanges.sendJson(ex, 200,
                tenant(v).apps().stream().map(AppView::of).toList()));
        routes.on("POST", "/_sim/tenants/{tenant}/apps", this::createApp);
        routes.on("GET", "/_sim/tenants/{tenant}/apps/{clientId}", (ex, v) -> HttpExchanges.sendJson(ex, 200,
                AppView.of(app(v))));
        routes.on("PATCH", "/_sim/tenants/{tenant}/apps/{clientId}", (ex, v) -> {
            AppRegistration app = app(v);
            apply(app, HttpExchanges.readJson(ex, AppInput.class));
            HttpExchanges.sendJson(ex, 200, AppView.of(app));
        });
        routes.on("DELETE", "/_sim/tenants/{tenant}/apps/{clientId}", (ex, v) -> {
            tenant(v).deleteApp(app(v).clientId());
            HttpExchanges.sendEmpty(ex, 204);
        });
    }

    private void createTenant(HttpExchange exchange, Map<String, String> variables) throws IOException {
        TenantInput input = HttpExchanges.readJson(exchange, TenantInput.class);
        require(input.domain(), "domain");
        Tenant tenant = directory.tenantWithId(input.domain(), input.id());
        apply(tenant, input);
        HttpExchanges.sendJson(exchange, 201, TenantView.of(tenant));
    }

    private void createUser(HttpExchange exchange, Map<String, String> variables) throws IOException {
        UserInput input = HttpExchanges.readJson(exchange, UserInput.class);
        require(input.upn(), "upn");
        Tenant tenant = tenant(variables);
        User user = Boolean.TRUE.equals(input.shared()) ? tenant.sharedMailbox(input.upn()) : tenant.user(input.upn());
        apply(user, input);
        HttpExchanges.sendJson(exchange, 201, UserView.of(user));
    }

    private void createApp(HttpExchange exchange, Map<String, String> variables) throws IOException {
        AppInput input = HttpExchanges.readJson(exchange, AppInput.class);
        require(input.clientId(), "clientId");
        AppRegistration app = tenant(variables).app(input.clientId());
        apply(app, input);
        HttpExchanges.sendJson(exchange, 201, AppView.of(app));
    }

    private static void apply(Tenant tenant, TenantInput input) {
        ifSet(input.smtpAuthEnabled(), tenant::smtpAuthEnabled);
        ifSet(input.conditionalAccessBlock(), tenant::conditionalAccessBlock);
    }

    private static void apply(User user, UserInput input) {
        ifSet(input.displayName(), user::displayName);
        ifSet(input.password(), user::password);
        ifSet(input.smtpAuthEnabled(), user::smtpAuthEnabled);
        each(input.grantAccess(), user::grantAccess);
        each(input.revokeAccess(), user::revokeAccess);
        each(input.grantSendAs(), user::grantSendAs);
        each(input.revokeSendAs(), user::revokeSendAs);
        each(input.grantSendOnBehalf(), user::grantSendOnBehalf);
        each(input.revokeSendOnBehalf(), user::revokeSendOnBehalf);
        if (input.appRoles() != null) {
            input.appRoles().forEach((clientId, roles) -> user.appRoles(clientId, roles.toArray(String[]::new)));
        }
        each(input.revokeAppRoles(), user::revokeAppRoles);
        each(input.groups(), user::groups);
        each(input.removeGroups(), user::removeGroups);
    }

    private void apply(AppRegistration app, AppInput input) {
        ifSet(input.displayName(), app::displayName);
        Instant now = clock.instant();
        each(input.secrets(), (SecretInput s) -> app.secret(require(s.value(), "secrets[].value"),
                s.expiresAt() != null ? s.expiresAt() : now.plus(DEFAULT_SECRET_LIFETIME)));
        each(input.certificates(), pem -> app.certificate(KeyParsing.certificate(pem)));
        each(input.redirectUris(), app::redirectUri);
        each(input.identifierUris(), app::identifierUri);
        each(input.appRoles(), app::appRole);
        if (input.applicationRoles() != null) {
            input.applicationRoles().forEach((resource, roles) -> app.applicationRoles(resource,
                    roles.toArray(String[]::new)));
        }
        if (input.consentedScopes() != null) {
            input.consentedScopes().forEach((resource, scopes) -> app.consentedScopes(resource,
                    scopes.toArray(String[]::new)));
        }
        each(input.federatedCredentials(), (FederatedInput f) -> app.federatedCredential(
                require(f.issuer(), "federatedCredentials[].issuer"),
                require(f.subject(), "federatedCredentials[].subject"),
                f.audience() != null ? f.audience() : FederatedCredential.DEFAULT_AUDIENCE,
                f.jwk() == null && f.publicKeyPem() == null ? null : KeyParsing.publicKey(f.jwk(), f.publicKeyPem())));
        each(input.restrictToMailboxes(), app::restrictToMailboxes);
        ifSet(input.enabled(), app::enabled);
        ifSet(input.publicClient(), app::publicClient);
        ifSet(input.consentWithheld(), app::consentWithheld);
        ifSet(input.groupMembershipClaims(), app::groupMembershipClaims);
    }

    private Tenant tenant(Map<String, String> variables) {
        String key = variables.get("tenant");
        return directory.findTenant(key).orElseThrow(() -> new NotFoundException("No tenant " + key));
    }

    private User user(Map<String, String> variables) {
        String key = variables.get("user");
        return tenant(variables).findUser(key).orElseThrow(() -> new NotFoundException("No user " + key));
    }

    private AppRegistration app(Map<String, String> variables) {
        String key = variables.get("clientId");
        return tenant(variables).findApp(key).orElseThrow(() -> new NotFoundException("No app " + key));
    }

    private static <T> void ifSet(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static <T> void each(List<T> values, Consumer<T> action) {
        if (values != null) {
            values.forEach(action);
        }
    }

    static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing '" + name + "'");
        }
        return value;
    }
}
