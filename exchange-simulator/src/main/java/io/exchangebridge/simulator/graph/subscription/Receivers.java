package io.exchangebridge.simulator.graph.subscription;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs to subscribers' endpoints as Graph does: no credentials, a bounded wait for the answer. */
final class Receivers {

    /** What the receiver answered; status 0 when it did not answer (timeout, refused, reset). */
    record Answer(int status, String contentType, String body, boolean timedOut) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Answer post(String url, String contentType, String body, Duration timeout) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            return new Answer(0, "", "", false);
        }
        try {
            HttpResponse<String> response = client.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), false);
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", "", true);
        } catch (IOException e) {
            return new Answer(0, "", "", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "", false);
        }
    }
}
