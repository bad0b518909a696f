package io.exchangebridge.credential.ui;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.config.CredentialConfig;
import io.exchangebridge.credential.config.CredentialConfig.PeerService;
import io.exchangebridge.foundation.audit.AuditTrail;
import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.foundation.tracing.Traceparent;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * A small typed client of the other services' REST APIs for the console: GET, POST, PUT and DELETE with JSON bodies,
 * answered with a {@link PeerResult} (the body read into the console's own records, services share no code, unknown
 * fields ignored) or a typed {@link PeerFailure}. Every call names the signed-in person in
 * {@value AuditTrail#ON_BEHALF_OF}, so that the peer's audit log says who acted. Neither bodies nor passwords are
 * logged; exception texts of the HTTP library are not passed on.
 */
@ApplicationScoped
public class PeerClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final CredentialConfig config;
    private final SecurityIdentity identity;
    /** Each peer's {@code Authorization} header, built once: the configuration does not change at run time. */
    private final Map<Peer, String> authorization = new EnumMap<>(Peer.class);

    public PeerClient(ObjectMapper json, CredentialConfig config, SecurityIdentity identity) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.config = config;
        this.identity = identity;
        for (Peer peer : Peer.values()) {
            PeerService service = peer.config(config);
            service.user().ifPresent(user -> authorization.put(peer, "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + service.password().orElse("")).getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Whether the console is connected to {@code peer}. */
    public boolean configured(Peer peer) {
        return peer.config(config).url().isPresent();
    }

    /** The configured base URL of {@code peer}, or null. */
    public String url(Peer peer) {
        return peer.config(config).url().map(Object::toString).orElse(null);
    }

    public <T> PeerResult<T> get(Peer peer, String path, Class<T> type) {
        return call(peer, "GET", path, null, json.constructType(type));
    }

    public <T> PeerResult<T> get(Peer peer, String path, TypeReference<T> type) {
        return call(peer, "GET", path, null, json.constructType(type));
    }

    public <T> PeerResult<T> post(Peer peer, String path, Object body, Class<T> type) {
        return call(peer, "POST", path, body, json.constructType(type));
    }

    public <T> PeerResult<T> put(Peer peer, String path, Object body, Class<T> type) {
        return call(peer, "PUT", path, body, json.constructType(type));
    }

    public PeerResult<Void> delete(Peer peer, String path) {
        return call(peer, "DELETE", path, null, null);
    }

    /**
     * {@code path} with the query parameters that have a value, encoded.
     *
     * @param pairs
     *            name, value, name, value, ...
     */
    public static String query(String path, String... pairs) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                query.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1].trim(), StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    private <T> PeerResult<T> call(Peer peer, String method, String path, Object body, JavaType type) {
        PeerService service = peer.config(config);
        if (service.url().isEmpty()) {
            return PeerResult.failed(new PeerFailure.NotConfigured(peer));
        }
        String base = service.url().get().toString();
        String shownPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        HttpRequest.Builder request = Traceparent.addTo(
                HttpRequest.newBuilder(URI.create(UrlPaths.withoutTrailingSlash(base) + path)))
                .timeout(service.timeout()).header("Accept", "application/json");
        if (!identity.isAnonymous()) {
            request.header(AuditTrail.ON_BEHALF_OF, identity.getPrincipal().getName());
        }
        if (authorization.containsKey(peer)) {
            request.header("Authorization", authorization.get(peer));
        }
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return PeerResult.ok(type == null || response.body().length == 0
                        ? null
                        : json.readValue(response.body(), type));
            }
            // A 403 with a problem's detail is the service's answer (Graph refused a mailbox), not the user's role.
            PeerFailure problem = status == 401 ? null : problem(peer, status, response);
            if (problem == null && (status == 401 || status == 403)) {
                return PeerResult.failed(new PeerFailure.Refused(peer, status, method, shownPath));
            }
            return PeerResult.failed(problem != null
                    ? problem
                    : new PeerFailure.Unexpected(peer, status, method, shownPath));
        } catch (IOException e) {
            // The class only: the text of a library's exception is not for a page.
            return PeerResult.failed(new PeerFailure.Unreachable(peer, base, e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PeerResult.failed(new PeerFailure.Unreachable(peer, base, "interrupted"));
        }
    }

    /**
     * The fields a problem names, each with the problem's detail (or its own message in an {@code errors} map): from
     * {@code errors}, else {@code field} (several comma separated), else the detail's {@code Field 'name'}.
     */
    static Map<String, String> fields(Map<String, Object> members, String detail) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (members.get("errors") instanceof Map<?, ?> errors) {
            errors.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        }
        if (fields.isEmpty()) {
            String field = members.get("field") instanceof String f ? f : PeerFailure.Problem.fieldOf(detail);
            if (field != null) {
                for (String name : field.split(",")) {
                    if (!name.isBlank()) {
                        fields.put(name.trim(), detail);
                    }
                }
            }
        }
        return fields;
    }

    /**
     * A problem+json answer with a detail, or null; the fields it names from {@code errors}, {@code field} or the
     * detail.
     */
    private PeerFailure.Problem problem(Peer peer, int status, HttpResponse<byte[]> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.contains("json")) {
            return null;
        }
        Map<String, Object> members;
        try {
            members = json.readValue(response.body(), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            return null;
        }
        if (members == null || !(members.get("detail") instanceof String detail)) {
            return null;
        }
        Map<String, String> fields = fields(members, detail);
        Map<String, Object> safe = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (v != null && !(v instanceof Map) && !(v instanceof Iterable)) {
                safe.put(k, v);
            }
        });
        return new PeerFailure.Problem(peer, status, detail, fields, safe);
    }
}
