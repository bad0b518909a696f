package io.exchangebridge.credential.token;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.foundation.http.RetryAfter;
import io.exchangebridge.foundation.tracing.Traceparent;
import io.quarkus.logging.Log;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * Calls Entra ID's v2 token endpoint. A plain HTTP client rather than quarkus-oidc-client: the token URL differs per
 * credential (tenant, sovereign cloud), the broker must read Entra's error body ({@code error}, {@code error_codes}) to
 * classify failures, must see and persist every rotated refresh token itself, and must call only while holding the
 * database lock of the credential. The oidc-client hides the error body behind an exception, keeps its own token state,
 * and would need a client object per credential.
 */
@ApplicationScoped
public class EntraTokenClient {

    private final HttpClient http;
    private final CredentialConfig config;
    private final ObjectMapper json;

    public EntraTokenClient(CredentialConfig config, ObjectMapper json, TlsConfigurationRegistry tls) {
        this.config = config;
        this.json = json;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.token().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        config.token().tlsConfigurationName().ifPresent(name -> {
            try {
                SSLContext context = tls.get(name)
                        .orElseThrow(() -> new IllegalStateException("No TLS configuration named '" + name + "'"))
                        .createSSLContext();
                builder.sslContext(context);
            } catch (Exception e) {
                throw new IllegalStateException("TLS configuration '" + name + "' is unusable: "
                        + e.getClass().getSimpleName(), null);
            }
        });
        this.http = builder.build();
    }

    /** POSTs the form to the token URL. Never throws for an HTTP or network failure. */
    public EntraResult call(String tokenUrl, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        // traceparent: Entra ignores it; a proxy or gateway in between may join the trace
        HttpRequest request = Traceparent.addTo(HttpRequest.newBuilder(URI.create(tokenUrl)))
                .timeout(config.token().requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            Log.warnf("Token endpoint %s unreachable: %s", URI.create(tokenUrl).getHost(),
                    e.getClass().getSimpleName());
            return new EntraResult.Unreachable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EntraResult.Unreachable("interrupted");
        }
        return parse(response);
    }

    private EntraResult parse(HttpResponse<String> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(RetryAfter::parse);
        JsonNode node;
        try {
            node = json.readTree(response.body());
        } catch (IOException e) {
            node = null;
        }
        int status = response.statusCode();
        if (status == 200 && node != null && node.hasNonNull("access_token")) {
            return new EntraResult.Success(node.get("access_token").asText(),
                    node.path("token_type").asText("Bearer"), node.path("expires_in").asLong(3600),
                    node.path("scope").asText(""), text(node, "refresh_token"), text(node, "id_token"));
        }
        if (node != null && node.hasNonNull("error")) {
            List<Long> codes = new ArrayList<>();
            node.path("error_codes").forEach(c -> codes.add(c.asLong()));
            return new EntraResult.Failure(status, node.get("error").asText(), codes, retryAfter);
        }
        if (status >= 500 || status == 429) {
            return new EntraResult.Failure(status, "http_" + status, List.of(), retryAfter);
        }
        return new EntraResult.Unreachable("HTTP " + status + " without an Entra body");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A mutable, ordered form. */
    public static Map<String, String> form() {
        return new LinkedHashMap<>();
    }
}
