package io.exchangebridge.simulator.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;

import io.exchangebridge.simulator.admin.AdminInputs.ClockInput;
import io.exchangebridge.simulator.admin.AdminInputs.EntraSettingsInput;
import io.exchangebridge.simulator.admin.AdminInputs.FaultInput;
import io.exchangebridge.simulator.directory.SimulatedDirectory;
import io.exchangebridge.simulator.entra.EntraSettings;
import io.exchangebridge.simulator.entra.RefreshTokens;
import io.exchangebridge.simulator.faults.EntraFaults;
import io.exchangebridge.simulator.http.HttpExchanges;
import io.exchangebridge.simulator.http.PathRoutes;
import io.exchangebridge.simulator.http.PathRoutes.NotFoundException;
import io.exchangebridge.simulator.time.SimulatorClock;

/** {@code /_sim/entra/...} and {@code /_sim/clock}: Entra faults, lifetimes, refresh tokens, the clock. */
final class EntraAdmin {

    private final SimulatedDirectory directory;
    private final EntraFaults faults;
    private final RefreshTokens refreshTokens;
    private final EntraSettings settings;
    private final SimulatorClock clock;

    EntraAdmin(SimulatedDirectory directory, EntraFaults faults, RefreshTokens refreshTokens, EntraSettings settings,
            SimulatorClock clock) {
        this.directory = directory;
        this.faults = faults;
        this.refreshTokens = refreshTokens;
        this.settings = settings;
        this.clock = clock;
    }

    void register(PathRoutes routes) {
        routes.on("POST", "/_sim/entra/faults/{fault}", this::fault);
        routes.on("DELETE", "/_sim/entra/faults", (ex, v) -> {
            faults.clear();
            HttpExchanges.sendEmpty(ex, 204);
        });
        routes.on("GET", "/_sim/entra/settings", (ex, v) -> HttpExchanges.sendJson(ex, 200, settingsView()));
        routes.on("PATCH", "/_sim/entra/settings", (ex, v) -> {
            EntraSettingsInput input = HttpExchanges.readJson(ex, EntraSettingsInput.class);
            Optional.ofNullable(input.accessTokenLifetime()).map(Duration::parse)
                    .ifPresent(settings::accessTokenLifetime);
            Optional.ofNullable(input.refreshTokenGracePeriod()).map(Duration::parse)
                    .ifPresent(settings::refreshTokenGracePeriod);
            Optional.ofNullable(input.refreshTokenInactivity()).map(Duration::parse)
                    .ifPresent(settings::refreshTokenInactivity);
            Optional.ofNullable(input.authorizationCodeLifetime()).map(Duration::parse)
                    .ifPresent(settings::authorizationCodeLifetime);
            Optional.ofNullable(input.loopDetectionThreshold()).ifPresent(settings::loopDetectionThreshold);
            HttpExchanges.sendJson(ex, 200, settingsView());
        });
        routes.on("GET", "/_sim/entra/refresh-tokens", (ex, v) -> {
            String upn = DirectoryAdmin.require(HttpExchanges.query(ex).get("upn"), "upn");
            String userId = directory.findUser(upn).orElseThrow(() -> new NotFoundException("No user " + upn)).id();
            HttpExchanges.sendJson(ex, 200, Map.of("upn", upn, "active", refreshTokens.active(userId)));
        });
        routes.on("GET", "/_sim/clock", (ex, v) -> HttpExchanges.sendJson(ex, 200, Map.of("now", clock.instant())));
        routes.on("POST", "/_sim/clock/advance", (ex, v) -> {
            ClockInput input = HttpExchanges.readJson(ex, ClockInput.class);
            clock.advance(Duration.parse(DirectoryAdmin.require(input.duration(), "duration")));
            HttpExchanges.sendJson(ex, 200, Map.of("now", clock.instant()));
        });
        routes.on("DELETE", "/_sim/clock", (ex, v) -> {
            clock.reset();
            HttpExchanges.sendJson(ex, 200, Map.of("now", clock.instant()));
        });
    }

    private void fault(HttpExchange exchange, Map<String, String> variables) throws IOException {
        FaultInput in = HttpExchanges.readJson(exchange, FaultInput.class);
        boolean on = !Boolean.FALSE.equals(in.enabled());
        Object affected = switch (variables.get("fault")) {
            case "token-failures" -> {
                faults.failNextTokenRequests(in.count() == null ? 1 : in.count(),
                        in.status() == null ? 503 : in.status());
                yield in.count() == null ? 1 : in.count();
            }
            case "delay" -> {
                faults.delayResponses(Duration.parse(DirectoryAdmin.require(in.delay(), "delay")));
                yield 1;
            }
            case "expire-refresh-token" -> in.refreshToken() != null
                    ? (faults.expireRefreshToken(in.refreshToken()) ? 1 : 0)
                    : faults.expireRefreshTokens(upn(in), Optional.ofNullable(in.clientId()));
            case "revoke-refresh-token" -> in.refreshToken() != null
                    ? (faults.revokeRefreshToken(in.refreshToken()) ? 1 : 0)
                    : faults.revokeRefreshTokens(upn(in), Optional.ofNullable(in.clientId()));
            case "revoke-all-grants" -> {
                faults.revokeAllGrants(upn(in));
                yield 1;
            }
            case "require-sign-in" -> {
                faults.requireSignInAgain(upn(in));
                yield 1;
            }
            case "expire-client-secrets" -> {
                faults.expireClientSecrets(tenant(in), clientId(in));
                yield 1;
            }
            case "disable-app" -> {
                faults.disableApp(tenant(in), clientId(in), on);
                yield 1;
            }
            case "delete-app" -> {
                faults.deleteApp(tenant(in), clientId(in));
                yield 1;
            }
            case "withhold-consent" -> {
                faults.withholdConsent(tenant(in), clientId(in), on);
                yield 1;
            }
            case "conditional-access-block" -> {
                faults.conditionalAccessBlock(tenant(in), on);
                yield 1;
            }
            default -> throw new NotFoundException("No Entra fault '" + variables.get("fault") + "'");
        };
        HttpExchanges.sendJson(exchange, 200, Map.of("fault", variables.get("fault"), "affected", affected));
    }

    private Map<String, Object> settingsView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("accessTokenLifetime", settings.accessTokenLifetime().toString());
        view.put("refreshTokenGracePeriod", settings.refreshTokenGracePeriod().toString());
        view.put("refreshTokenInactivity", settings.refreshTokenInactivity().toString());
        view.put("authorizationCodeLifetime", settings.authorizationCodeLifetime().toString());
        view.put("loopDetectionThreshold", settings.loopDetectionThreshold());
        return view;
    }

    private static String upn(FaultInput in) {
        return DirectoryAdmin.require(in.upn(), "upn");
    }

    private static String tenant(FaultInput in) {
        return DirectoryAdmin.require(in.tenant(), "tenant");
    }

    private static String clientId(FaultInput in) {
        return DirectoryAdmin.require(in.clientId(), "clientId");
    }
}
