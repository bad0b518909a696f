package io.exchangebridge.credential.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.config.CredentialConfig.PeerService;
import io.exchangebridge.foundation.http.UrlPaths;

/**
 * Reads a list from another service's REST API for a read-only page. The JDK client is enough for two GETs; the answer
 * is read into this service's own small records (services share no code), ignoring fields it does not show.
 */
@ApplicationScoped
public class PeerClient {

    /** A list, or why there is none. */
    public record Listing<T>(List<T> items, String error) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;

    public PeerClient(ObjectMapper json) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public <T> Listing<T> list(PeerService service, String path, TypeReference<List<T>> type, String name) {
        String base = service.url().orElseThrow().toString();
        URI uri = URI.create(UrlPaths.withoutTrailingSlash(base) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(service.timeout())
                .header("Accept", "application/json").GET();
        if (service.user().isPresent()) {
            String pair = service.user().get() + ":" + service.password().orElse("");
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new Listing<>(List.of(), "The " + name + " answered HTTP " + response.statusCode() + " to GET "
                        + path + (response.statusCode() == 401 || response.statusCode() == 403
                                ? ": check the user and password, and that the user has the role admin there."
                                : "."));
            }
            return new Listing<>(json.readValue(response.body(), type), null);
        } catch (IOException e) {
            // The class only: the text of a library's exception is not for a page.
            return new Listing<>(List.of(), "The " + name + " at " + base + " could not be reached ("
                    + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Listing<>(List.of(), "Interrupted.");
        }
    }
}
