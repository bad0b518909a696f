package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

import io.exchangebridge.simulator.directory.AppRegistration;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.directory.Tenant;
import io.exchangebridge.simulator.directory.User;

/**
 * {@code /{tenant}/oauth2/v2.0/authorize}: GET shows the sign-in page (or the account picker for
 * {@code prompt=select_account}); the pages post back here with a {@code step}. A POST without {@code step} is the
 * scripted form for headless tests: the authorize parameters plus {@code login}, {@code password} and {@code consent}
 * ({@code accept}, the default, or {@code decline}) answer the redirect at once.
 */
final class AuthorizeEndpoint {

    private static final Set<String> OWN_FIELDS = Set.of("step", "login", "password", "consent", "session");

    /** A signed-in user waiting on the consent page. */
    private record PendingConsent(User user, AppRegistration app, Map<String, String> params, Instant expiresAt) {
    }

    private final SimulatedDirectory directory;
    private final Clock clock;
    private final EntraSettings settings;
    private final AuthorizationCodes codes;
    private final Map<String, PendingConsent> pending = new ConcurrentHashMap<>();

    AuthorizeEndpoint(SimulatedDirectory directory, Clock clock, EntraSettings settings, AuthorizationCodes codes) {
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.codes = codes;
    }

    /** Handles one request; returns the log entry details (step taken, app, user). */
    AuthorizeOutcome handle(HttpExchange exchange, String tenantInPath) throws IOException {
        // Reads the request only: the caller logs the outcome before answering, so a client sees the log complete.
        AuthorizeParameters read = AuthorizeParameters.read(exchange);
        Map<String, String> input = read.values();
        Optional<String> duplicateError = read.duplicateError();
        if (duplicateError.isPresent()) {
            return AuthorizeOutcome.page(400, SignInPages.error(duplicateError.get()), "error",
                    input.getOrDefault("client_id", ""), "");
        }
        String action = exchange.getRequestURI().getRawPath();
        if ("consent".equals(input.get("step"))) {
            return consentStep(input);
        }
        Map<String, String> params = new LinkedHashMap<>(input);
        params.keySet().removeAll(OWN_FIELDS);
        String clientId = params.getOrDefault("client_id", "");
        Optional<String> problem = validate(tenantInPath, params);
        if (problem.isPresent()) {
            return AuthorizeOutcome.page(400, SignInPages.error(problem.get()), "error", clientId, "");
        }
        String appName = anyApp(tenantInPath, clientId).map(AppRegistration::displayName).orElse(clientId);
        String redirectError = requestError(params, apis(tenantInPath));
        if (redirectError != null) {
            return AuthorizeOutcome.redirectWithError(params, "invalid_request", redirectError, "redirect.error",
                    clientId, "");
        }
        String step = input.get("step");
        if ("GET".equalsIgnoreCase(exchange.getRequestMethod())) {
            if ("select_account".equals(params.get("prompt"))) {
                return AuthorizeOutcome.page(200,
                        SignInPages.accountPicker(action, params, appName, candidates(tenantInPath)), "page.picker",
                        clientId, "");
            }
            return AuthorizeOutcome.page(200,
                    SignInPages.signIn(action, params, appName, params.getOrDefault("login_hint", ""), null),
                    "page.signin", clientId, "");
        }
        if ("pick".equals(step)) {
            return AuthorizeOutcome.page(200,
                    SignInPages.signIn(action, params, appName, input.getOrDefault("login", ""), null), "page.signin",
                    clientId, "");
        }
        return signIn(action, tenantInPath, input, params, appName, step == null);
    }

    private AuthorizeOutcome signIn(String action, String tenantInPath, Map<String, String> input,
            Map<String, String> params, String appName, boolean scripted) {
        String clientId = params.get("client_id");
        String login = input.getOrDefault("login", "");
        Optional<User> found = directory.findUser(login)
                .filter(u -> Authorities.isMultiTenant(tenantInPath)
                        || directory.findTenant(tenantInPath).map(t -> t.id().equals(u.tenant().id())).orElse(false));
        String error = null;
        if (found.isEmpty()) {
            error = "AADSTS50034: This username may be incorrect. Make sure you typed it correctly.";
        } else if (found.get().shared()) {
            error = "AADSTS50057: The user account is disabled.";
        } else if (!found.get().passwordMatches(input.getOrDefault("password", ""))) {
            error = "AADSTS50126: Your account or password is incorrect.";
        }
        if (error != null) {
            return AuthorizeOutcome.page(200, SignInPages.signIn(action, params, appName, login, error),
                    "signin.failed", clientId, login);
        }
        User user = found.get();
        Optional<AppRegistration> app = user.tenant().findApp(clientId).filter(AppRegistration::enabled);
        if (app.isEmpty()) {
            return AuthorizeOutcome.page(400, SignInPages.error(EntraException
                    .applicationNotFound(clientId, user.tenant().domain()).shortDescription()), "error", clientId,
                    user.upn());
        }
        if (user.tenant().conditionalAccessBlock()) {
            return AuthorizeOutcome.redirectWithError(params, "access_denied",
                    EntraException.conditionalAccessBlocked().shortDescription(), "redirect.error", clientId,
                    user.upn());
        }
        Map<String, Set<String>> missing = missingConsent(app.get(), user, params.get("scope"));
        boolean promptConsent = "consent".equals(params.get("prompt"));
        if (missing.isEmpty() && !app.get().consentWithheld() && !promptConsent) {
            return redirectWithCode(params, app.get(), user);
        }
        if (scripted) {
            return decideConsent(params, app.get(), user, input.getOrDefault("consent", "accept"));
        }
        String session = UUID.randomUUID().toString();
        pending.put(session, new PendingConsent(user, app.get(), params,
                clock.instant().plus(settings.authorizationCodeLifetime())));
        return AuthorizeOutcome.page(200, SignInPages.consent(action, session, app.get().displayName(), user,
                missing.isEmpty() ? requested(params.get("scope"), app.get().tenant()) : missing,
                app.get().consentWithheld()),
                "page.consent", clientId, user.upn());
    }

    private AuthorizeOutcome consentStep(Map<String, String> input) {
        PendingConsent consent = pending.remove(input.getOrDefault("session", ""));
        if (consent == null || !clock.instant().isBefore(consent.expiresAt())) {
            return AuthorizeOutcome.page(400,
                    SignInPages.error("AADSTS90014: The sign-in session expired. Start the sign-in again."), "error",
                    "", "");
        }
        return decideConsent(consent.params(), consent.app(), consent.user(),
                input.getOrDefault("consent", "decline"));
    }

    private AuthorizeOutcome decideConsent(Map<String, String> params, AppRegistration app, User user,
            String decision) {
        if (!"accept".equals(decision)) {
            return AuthorizeOutcome.redirectWithError(params, "access_denied",
                    "AADSTS65004: User declined to consent to access the app.", "redirect.declined", app.clientId(),
                    user.upn());
        }
        if (app.consentWithheld()) {
            return AuthorizeOutcome.redirectWithError(params, "consent_required",
                    EntraException.consentRequired(app.clientId(), app.displayName()).shortDescription(),
                    "redirect.consent_required", app.clientId(), user.upn());
        }
        requested(params.get("scope"), app.tenant()).forEach((resource, scopes) -> app.recordUserConsent(user.id(),
                resource, scopes));
        return redirectWithCode(params, app, user);
    }

    private AuthorizeOutcome redirectWithCode(Map<String, String> params, AppRegistration app, User user) {
        AuthorizationCodes.Code code = codes.issue(user.tenant().id(), app.clientId(), user.id(),
                params.get("redirect_uri"), params.get("scope"),
                Optional.ofNullable(params.get("code_challenge")).filter(c -> !c.isBlank()),
                params.getOrDefault("code_challenge_method", "plain"), Optional.ofNullable(params.get("nonce")),
                clock.instant().plus(settings.authorizationCodeLifetime()));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code.value());
        if ("1".equals(params.get("client_info"))) {
            answer.put("client_info", TokenEndpoint.clientInfo(user));
        }
        answer.put("state", params.get("state"));
        answer.put("session_state", UUID.randomUUID().toString());
        return AuthorizeOutcome.redirect(params, answer, "redirect.code", app.clientId(), user.upn());
    }

    /** Errors Entra shows on its own page instead of redirecting: unknown tenant, unknown app, foreign redirect URI. */
    private Optional<String> validate(String tenantInPath, Map<String, String> params) {
        if (!Authorities.isMultiTenant(tenantInPath) && directory.findTenant(tenantInPath).isEmpty()) {
            return Optional.of(EntraException.tenantNotFound(tenantInPath).shortDescription());
        }
        String clientId = params.getOrDefault("client_id", "");
        if (clientId.isBlank()) {
            return Optional.of("AADSTS900144: The request body must contain the following parameter: 'client_id'.");
        }
        Optional<AppRegistration> app = anyApp(tenantInPath, clientId);
        if (app.isEmpty() || !app.get().enabled()) {
            return Optional.of(EntraException.applicationNotFound(clientId, tenantInPath).shortDescription());
        }
        String redirectUri = params.getOrDefault("redirect_uri", "");
        if (redirectUri.isEmpty() && app.get().redirectUris().size() == 1) {
            // Entra falls back to the registered redirect URI when the request names none.
            redirectUri = app.get().redirectUris().iterator().next();
            params.put("redirect_uri", redirectUri);
        }
        if (!app.get().redirectUris().contains(redirectUri)) {
            return Optional.of("AADSTS50011: The redirect URI '" + redirectUri
                    + "' specified in the request does not match the redirect URIs configured for the application '"
                    + clientId
                    + "'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.");
        }
        return Optional.empty();
    }

    /** Errors Entra redirects back with. */
    private static String requestError(Map<String, String> params, ScopeRequest.Apis apis) {
        if (!"code".equals(params.get("response_type"))) {
            return "AADSTS700054: response_type '" + params.get("response_type")
                    + "' is not enabled for the application.";
        }
        if (params.getOrDefault("scope", "").isBlank()) {
            return "AADSTS900144: The request body must contain the following parameter: 'scope'.";
        }
        try {
            ScopeRequest.permissionsByResource(params.get("scope"), "", apis);
        } catch (EntraException e) {
            return e.shortDescription();
        }
        String method = params.get("code_challenge_method");
        if (method != null && !method.equals("S256") && !method.equals("plain")) {
            return "AADSTS501491: Invalid size of Code_Challenge parameter or unsupported code_challenge_method.";
        }
        return null;
    }

    private Optional<AppRegistration> anyApp(String tenantInPath, String clientId) {
        if (!Authorities.isMultiTenant(tenantInPath)) {
            return directory.findTenant(tenantInPath).flatMap(t -> t.findApp(clientId));
        }
        return directory.tenants().stream().map(t -> t.findApp(clientId)).flatMap(Optional::stream).findFirst();
    }

    private Collection<User> candidates(String tenantInPath) {
        List<Tenant> tenants = Authorities.isMultiTenant(tenantInPath)
                ? List.copyOf(directory.tenants())
                : directory.findTenant(tenantInPath).stream().toList();
        return tenants.stream().flatMap(t -> t.users().stream()).filter(u -> !u.shared())
                .sorted((a, b) -> a.upn().compareTo(b.upn())).toList();
    }

    /** The custom APIs an authorize request may name: of the tenant in the path, or of any tenant for common. */
    private ScopeRequest.Apis apis(String tenantInPath) {
        if (!Authorities.isMultiTenant(tenantInPath)) {
            return resource -> directory.findTenant(tenantInPath).flatMap(t -> t.findApi(resource));
        }
        return resource -> directory.tenants().stream().map(t -> t.findApi(resource)).flatMap(Optional::stream)
                .findFirst();
    }

    /** The permissions asked by resource, custom APIs resolved in the user's (or app's) tenant. */
    private static Map<String, Set<String>> requested(String scope, Tenant tenant) {
        return ScopeRequest.permissionsByResource(scope == null ? "" : scope, "", tenant::findApi);
    }

    private static Map<String, Set<String>> missingConsent(AppRegistration app, User user, String scope) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        requested(scope, app.tenant()).forEach((resource, scopes) -> {
            Set<String> wanted = scopes.contains(".default") ? Set.of() : scopes;
            boolean self = app.tenant().findApi(resource).filter(api -> api.clientId().equals(app.clientId()))
                    .isPresent();
            if (!self && !app.consented(user.id(), resource, wanted)) {
                missing.put(resource, wanted);
            }
        });
        return missing;
    }
}
