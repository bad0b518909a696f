package io.exchangebridge.importer.graph;

import java.net.http.HttpClient;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.credential.AccessToken;
import io.exchangebridge.importer.config.ImporterConfig;
import io.exchangebridge.importer.metrics.ImportMetrics;

/**
 * Opens {@link GraphSession}s: one per mailbox run, sharing one JDK HTTP client. The JDK client rather than a typed
 * REST client because each call needs per-mailbox concurrency limits and Retry-After gates, absolute
 * {@code @odata.nextLink}s, and {@code $value} bodies as unbuffered streams.
 */
@ApplicationScoped
public class GraphClient {

    private final ImporterConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ImportMetrics metrics;

    public GraphClient(ImporterConfig config, ObjectMapper json, ImportMetrics metrics) {
        this.config = config;
        this.json = json;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(config.graph().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A session on {@code /users/{mailbox}}; {@code tokens} gives the current token, {@code refresh} a new one. */
    public GraphSession session(String mailbox, Supplier<AccessToken> tokens,
            Function<AccessToken, AccessToken> refresh) {
        return new GraphSession(http, json, config.graph(), mailbox, tokens, refresh, config.graph().maxRetries(),
                null, metrics::graphThrottled);
    }

    /**
     * A session for a person waiting for the answer (such as listing folders in the console): at most
     * {@code importer.graph.interactive-max-retries} retries, and none when Graph asks to wait longer than
     * {@code importer.graph.interactive-max-wait}; the {@link GraphException} then carries Graph's Retry-After.
     */
    public GraphSession interactiveSession(String mailbox, Supplier<AccessToken> tokens,
            Function<AccessToken, AccessToken> refresh) {
        return new GraphSession(http, json, config.graph(), mailbox, tokens, refresh,
                config.graph().interactiveMaxRetries(), config.graph().interactiveMaxWait(), metrics::graphThrottled);
    }
}
