package io.exchangebridge.simulator.entra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.faults.EntraFaults;
import io.exchangebridge.simulator.http.HttpExchanges;
import io.exchangebridge.simulator.log.RequestLog;
import io.exchangebridge.simulator.log.RequestRecord;

/**
 * Routes Entra ID's paths, which start with the tenant: {@code /{tenant}/oauth2/v2.0/token|authorize|logout},
 * {@code /{tenant}/v2.0/.well-known/openid-configuration}, {@code /{tenant}/discovery/v2.0/keys} and
 * {@code /common/discovery/instance}. Applies the delay fault and logs every request.
 */
final class EntraHandler implements HttpHandler {

    private final TokenEndpoint token;
    private final AuthorizeEndpoint authorize;
    private final LogoutEndpoint logout;
    private final MetadataEndpoints metadata;
    private final EntraFaults faults;
    private final RequestLog log;
    private final Clock clock;

    EntraHandler(TokenEndpoint token, AuthorizeEndpoint authorize, LogoutEndpoint logout, MetadataEndpoints metadata,
            EntraFaults faults, RequestLog log, Clock clock) {
        this.token = token;
        this.authorize = authorize;
        this.logout = logout;
        this.metadata = metadata;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        delay();
        String[] segments = exchange.getRequestURI().getRawPath().split("/", 3);
        if (segments.length < 3 || segments[1].isEmpty()) {
            notFound(exchange);
            return;
        }
        String tenant = segments[1];
        String rest = segments[2];
        String baseUrl = HttpExchanges.baseUrl(exchange);
        String correlationId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("client-request-id"))
                .orElse(UUID.randomUUID().toString());
        switch (rest) {
            case "oauth2/v2.0/token" -> token(exchange, tenant, baseUrl, correlationId);
            case "oauth2/v2.0/authorize" -> answer(exchange, "authorize", authorize.handle(exchange, tenant));
            case "oauth2/v2.0/logout" -> {
                Map<String, String> params = new LinkedHashMap<>(HttpExchanges.query(exchange));
                if ("POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                    params.putAll(HttpExchanges.readForm(exchange));
                }
                answer(exchange, "logout", logout.handle(tenant, params));
            }
            case "v2.0/.well-known/openid-configuration" -> json(exchange, "openid-configuration", correlationId,
                    () -> metadata.openidConfiguration(baseUrl, tenant));
            case "discovery/v2.0/keys" -> {
                record("keys", "", "", "", 200);
                HttpExchanges.sendText(exchange, 200, HttpExchanges.JSON,
                        metadata.jwks().getBytes(StandardCharsets.UTF_8));
            }
            case "discovery/instance" -> json(exchange, "instance-discovery", correlationId,
                    () -> metadata.instanceDiscovery(baseUrl,
                            HttpExchanges.query(exchange).get("authorization_endpoint")));
            default -> notFound(exchange);
        }
    }

    /** Logs a page or redirect outcome, then sends it. */
    private void answer(HttpExchange exchange, String endpoint, AuthorizeOutcome outcome) throws IOException {
        record(endpoint, outcome.step(), outcome.appId(), outcome.upn(), outcome.status());
        if (outcome.location() != null) {
            HttpExchanges.redirect(exchange, outcome.location());
        } else {
            HttpExchanges.sendHtml(exchange, outcome.status(), outcome.html());
        }
    }

    private void token(HttpExchange exchange, String tenant, String baseUrl, String correlationId)
            throws IOException {
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            EntraException e = new EntraException(400, "invalid_request", 900561,
                    "The endpoint only accepts POST, OPTIONS requests. Received a GET request.");
            record("token", "", "", "", e.status());
            HttpExchanges.sendJson(exchange, e.status(), e.body(clock.instant(), correlationId));
            return;
        }
        TokenRequest request = new TokenRequest(baseUrl, tenant, HttpExchanges.readForm(exchange),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getResponseHeaders().set("client-request-id", correlationId);
        exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
        // Logged before answering: a client that got its answer finds the request in the log.
        int status = 200;
        Map<String, Object> body;
        try {
            body = token.handle(request);
        } catch (EntraException e) {
            status = e.status();
            body = e.body(clock.instant(), correlationId);
        }
        record("token", request.grantType(), request.appId, request.upn, status);
        HttpExchanges.sendJson(exchange, status, body);
    }

    private interface Document {
        Map<String, Object> get();
    }

    private void json(HttpExchange exchange, String endpoint, String correlationId, Document document)
            throws IOException {
        int status = 200;
        Map<String, Object> body;
        try {
            body = document.get();
        } catch (EntraException e) {
            status = e.status();
            body = e.body(clock.instant(), correlationId);
        }
        record(endpoint, "", "", "", status);
        HttpExchanges.sendJson(exchange, status, body);
    }

    private void notFound(HttpExchange exchange) throws IOException {
        record("unknown", exchange.getRequestURI().getPath(), "", "", 404);
        HttpExchanges.sendJson(exchange, 404, Map.of("error", "not_found", "path", exchange.getRequestURI().getPath()));
    }

    private void delay() {
        Duration delay = faults.delay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void record(String endpoint, String detail, String appId, String upn, int status) {
        log.record(new RequestRecord(clock.instant(), "entra", endpoint, detail, appId, upn, status, false));
    }
}
