package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP calls of {@code /v1.0/subscriptions} on a {@link SimulatorGraph}, for the subscription tests. */
final class SubscriptionHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorGraph graph;
    private final HttpClient http = HttpClient.newHttpClient();

    SubscriptionHttp(SimulatorGraph graph) {
        this.graph = graph;
    }

    /** A create body for the resource, expiring in a day. */
    static String body(String resource, String changeType, String notificationUrl, String lifecycleUrl) {
        return """
                {"changeType": "%s", "notificationUrl": "%s", %s "resource": "%s",
                 "expirationDateTime": "%s", "clientState": "secret-client-state"}"""
                .formatted(changeType, notificationUrl, lifecycleUrl == null
                        ? ""
                        : "\"lifecycleNotificationUrl\": \""
                                + lifecycleUrl + "\",",
                        resource, Instant.now().plus(Duration.ofDays(1)));
    }

    HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(graph.sim.httpBaseUrl() + "/v1.0" + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> create(String token, String body) {
        return call("POST", "/subscriptions", token, body);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
