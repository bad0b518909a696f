package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every REST endpoint of every service, as its own {@code /q/openapi} lists them, fed what a careless or hostile client
 * sends: no 5xx, errors as {@code application/problem+json}, and no secret in any answer.
 */
class BadInputIT extends SystemTest {

    static final List<String> PATH_VALUES = List.of("does-not-exist", "' OR '1'='1", "../../etc/passwd",
            "<script>alert(1)</script>", "%00", "1e309", "-1", "x".repeat(3000));

    static final List<String> BODIES = List.of("{\"id\":", "{", "[]", "null", "\"text\"", "{\"unknownField\":1}",
            "{\"id\":{\"nested\":true},\"mailbox\":[1,2],\"to\":5,\"enabled\":\"maybe\",\"scopes\":\"graph\","
                    + "\"maxMessageBytes\":\"big\",\"transport\":7,\"resource\":false}",
            "{\"id\":\"x'; DROP TABLE credential; --\",\"mailbox\":\"' OR 1=1 --\",\"credentialId\":\"${jndi:ldap://x}\","
                    + "\"from\":\"a'--@contoso.onmicrosoft.com\",\"to\":[\"<script>@x\"],\"sender\":\"%00\","
                    + "\"grantType\":\"client_credentials\",\"tenantId\":\"../../etc\",\"clientId\":\"{{7*7}}\","
                    + "\"resource\":\"https://evil.example/\",\"subject\":\"\\r\\nBcc: x@evil.example\",\"text\":\"x\"}",
            "{\"id\":\"" + "a".repeat(100_000) + "\"}");

    /** Larger than each service's body limit (10 MB default; 40 MB on smtp-service). */
    static final Map<String, Integer> HUGE = Map.of(BridgeStack.CREDENTIAL, 11 << 20, BridgeStack.IMPORTER, 11 << 20,
            BridgeStack.RELAY, 41 << 20);

    /** Paths that answer browsers with HTML, not problem+json. */
    static final Set<String> HTML_PATHS = Set.of("/OAuth2Callback");
    /** Public by design: Graph sends no credentials; each entry's clientState authenticates it (202 either way). */
    static final Set<String> GRAPH_NOTIFICATION_PATHS = Set.of("/graph/notifications", "/graph/lifecycle");

    final List<String> findings = new ArrayList<>();

    @Test
    void everyEndpointRefusesBadInputWithAProblemAndLeaksNothing() {
        Map<String, List<ApiClient>> users = new LinkedHashMap<>();
        users.put(BridgeStack.CREDENTIAL, List.of(stack.credentialAdmin(0), SharedStack.tokenClient(0)));
        // the ERP too: the event writes are the writer's only
        users.put(BridgeStack.IMPORTER, List.of(stack.importAdmin(0), stack.importWriter(0)));
        users.put(BridgeStack.RELAY, List.of(stack.relayAdmin(0), stack.relaySender(0)));
        int endpoints = 0;
        for (var service : users.entrySet()) {
            ApiClient admin = service.getValue().get(0);
            JsonNode paths = admin.get("/q/openapi?format=json").expect(200).json().path("paths");
            for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
                String template = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = paths.get(template).fields(); ops.hasNext();) {
                    var op = ops.next();
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                        continue;
                    }
                    endpoints++;
                    sweep(service.getKey(), service.getValue(), method, template, op.getValue());
                }
            }
        }
        assertThat(endpoints).as("endpoints found in /q/openapi").isGreaterThan(15);
        assertThat(findings).isEmpty();
    }

    private void sweep(String service, List<ApiClient> users, String method, String template, JsonNode operation) {
        List<String> contentTypes = new ArrayList<>();
        operation.path("requestBody").path("content").fieldNames().forEachRemaining(contentTypes::add);
        if (contentTypes.isEmpty() && !method.equals("GET") && !method.equals("DELETE")) {
            contentTypes.add("application/json");
        }
        for (String value : PATH_VALUES) {
            String path = template.replaceAll("\\{[^}]+}", URLEncoder.encode(value, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            ApiClient anyUser = users.get(0);
            check(service, "no auth", method, path, send(anyUser.anonymous(), method, path, null, null), true);
            check(service, "wrong password", method, path,
                    send(new ApiClient(anyUser.baseUrl(), "admin", "wrong-password"), method, path, null, null), true);
            for (ApiClient user : users) {
                if (contentTypes.isEmpty()) {
                    check(service, "authenticated", method, path, send(user, method, path, null, null), false);
                }
                for (String contentType : contentTypes) {
                    for (String body : BODIES) {
                        check(service, "body " + abbreviate(body), method, path,
                                send(user, method, path, contentType, body.getBytes(StandardCharsets.UTF_8)), false);
                    }
                    check(service, "wrong media type", method, path,
                            send(user, method, path, "application/x-www-form-urlencoded", "a=b".getBytes()), false);
                }
            }
        }
        if (!contentTypes.isEmpty()) {
            String path = template.replaceAll("\\{[^}]+}", "does-not-exist");
            byte[] huge = ("{\"text\":\"" + "a".repeat(HUGE.get(service)) + "\"}").getBytes(StandardCharsets.UTF_8);
            for (ApiClient user : users) {
                check(service, "huge body", method, path, send(user, method, path, contentTypes.get(0), huge), false);
            }
        }
    }

    /** The answer, or null when the service closed the connection (how a body over the limit may be refused). */
    private static ApiClient.Answer send(ApiClient client, String method, String path, String contentType,
            byte[] body) {
        try {
            return body == null && (method.equals("GET") || method.equals("DELETE"))
                    ? (method.equals("GET") ? client.get(path) : client.delete(path))
                    : client.send(method, path, contentType, body == null ? new byte[0] : body);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private void check(String service, String what, String method, String path, ApiClient.Answer answer,
            boolean mustBeUnauthorized) {
        if (answer == null) {
            return;
        }
        String where = service + " " + method + " " + abbreviate(path) + " (" + what + "): " + answer.status() + " "
                + answer.contentType() + " " + abbreviate(answer.text());
        boolean publicPath = path.startsWith("/q/health") || HTML_PATHS.contains(path)
                || GRAPH_NOTIFICATION_PATHS.contains(path);
        if (answer.status() >= 500) {
            findings.add("server error: " + where);
        } else if (mustBeUnauthorized && !publicPath && answer.status() != 401) {
            findings.add("not 401 without valid credentials: " + where);
        } else if (answer.status() >= 400 && answer.status() != 401 && answer.body().length > 0
                && !HTML_PATHS.contains(path) && !answer.contentType().startsWith("application/problem+json")) {
            findings.add("error without problem+json: " + where);
        }
        for (String secret : SharedStack.knownSecrets()) {
            if (answer.text().contains(secret)) {
                findings.add("secret in answer: " + service + " " + method + " " + abbreviate(path));
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
