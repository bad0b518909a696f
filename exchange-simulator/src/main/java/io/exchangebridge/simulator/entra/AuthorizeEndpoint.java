package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
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
import io.exchangebridge.simulator.http.HttpExchanges;

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
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> input = new LinkedHashMap<>(HttpExchanges.parseForm(rawQuery));
        Optional<String> duplicated = duplicated(HttpExchanges.names(rawQuery));
        if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            String encoded = new String(HttpExchanges.readBody(exchange), StandardCharsets.UTF_8);
            Map<String, String> form = HttpExchanges.parseForm(encoded);
            duplicated = duplicated.or(() -> duplicated(HttpExchanges.names(encoded))).or(() -> form.entrySet()
                    .stream().filter(e -> input.containsKey(e.getKey()) && !input.get(e.getKey()).equals(e.getValue()))
                    .map(Map.Entry::getKey).findFirst());
            input.putAll(form);
        }
        if (duplicated.isPresent()) {
            return AuthorizeOutcome.page(400, SignInPages.error(duplicatedParameter(duplicated.get())), "error",
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
        String redirectError = requestError(params);
        if (redirectError != null) {
            return redirectWithError(params, "invalid_request", redirectError, "redirect.error", clientId, "");
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
            return redirectWithError(params, "access_denied",
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
                missing.isEmpty() ? requested(params.get("scope")) : missing, app.get().consentWithheld()),
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
            return redirectWithError(params, "access_denied",
                    "AADSTS65004: User declined to consent to access the app.", "redirect.declined", app.clientId(),
                    user.upn());
        }
        if (app.consentWithheld()) {
            return redirectWithError(params, "consent_required",
                    EntraException.consentRequired(app.clientId(), app.displayName()).shortDescription(),
                    "redirect.consent_required", app.clientId(), user.upn());
        }
        requested(params.get("scope")).forEach((resource, scopes) -> app.recordUserConsent(user.id(), resource,
                scopes));
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
        return redirect(params, answer, "redirect.code", app.clientId(), user.upn());
    }

    private static AuthorizeOutcome redirectWithError(Map<String, String> params, String error, String description,
            String step, String appId, String upn) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        answer.put("error_uri", "https://login.microsoftonline.com/error?code=" + description.replaceAll(
                "^AADSTS(\\d+).*", "$1"));
        answer.put("state", params.get("state"));
        return redirect(params, answer, step, appId, upn);
    }

    private static AuthorizeOutcome redirect(Map<String, String> params, Map<String, String> answer, String step,
            String appId, String upn) {
        answer.values().removeIf(v -> v == null);
        String redirectUri = params.get("redirect_uri");
        if ("form_post".equals(params.get("response_mode"))) {
            return AuthorizeOutcome.page(200, SignInPages.formPost(redirectUri, answer), step, appId, upn);
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        answer.forEach((name, value) -> location.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        return new AuthorizeOutcome(step, appId, upn, 302, null, location.toString());
    }

    /**
     * Entra refuses a parameter sent twice on its own error page, never a redirect. Confirmed for {@code prompt}
     * ("AADSTS9000411: The request is not properly formatted. The parameter 'prompt' is duplicated.", an authorization
     * URL carrying {@code ?prompt=select_account} plus a client's own {@code prompt}: anthropics/claude-code#49175,
     * modelcontextprotocol/typescript-sdk#1958) and {@code login_hint} (AzureAD/microsoft-authentication-library-for-
     * android#688); older reports show AADSTS90004 with the same words (AzureAD/microsoft-authentication-library-for-
     * js#284). Not confirmed: that every other parameter ({@code client_id}, {@code redirect_uri}, {@code state},
     * {@code scope}, PKCE) gets the same answer; the simulator refuses them all alike, as RFC 6749 section 3.1 requires
     * ("Request and response parameters MUST NOT be included more than once"). A scripted POST may repeat a query
     * parameter in its form with the same value (a convenience of this simulator); with another value it counts as sent
     * twice.
     */
    static Optional<String> duplicated(List<String> names) {
        Set<String> seen = new HashSet<>();
        return names.stream().filter(name -> !seen.add(name)).findFirst();
    }

    static String duplicatedParameter(String name) {
        return "AADSTS9000411: The request is not properly formatted. The parameter '" + name + "' is duplicated.";
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
    private static String requestError(Map<String, String> params) {
        if (!"code".equals(params.get("response_type"))) {
            return "AADSTS700054: response_type '" + params.get("response_type")
                    + "' is not enabled for the application.";
        }
        if (params.getOrDefault("scope", "").isBlank()) {
            return "AADSTS900144: The request body must contain the following parameter: 'scope'.";
        }
        try {
            requested(params.get("scope"));
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

    private static Map<String, Set<String>> requested(String scope) {
        return ScopeRequest.permissionsByResource(scope == null ? "" : scope, "");
    }

    private static Map<String, Set<String>> missingConsent(AppRegistration app, User user, String scope) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        requested(scope).forEach((resource, scopes) -> {
            Set<String> wanted = scopes.contains(".default") ? Set.of() : scopes;
            if (!app.consented(user.id(), resource, wanted)) {
                missing.put(resource, wanted);
            }
        });
        return missing;
    }

    /**
     * The answer to one authorize request: a page ({@code html}) or a redirect ({@code location}), and what happened,
     * for the request log.
     */
    record AuthorizeOutcome(String step, String appId, String upn, int status, String html, String location) {

        static AuthorizeOutcome page(int status, String html, String step, String appId, String upn) {
            return new AuthorizeOutcome(step, appId, upn, status, html, null);
        }
    }
}
