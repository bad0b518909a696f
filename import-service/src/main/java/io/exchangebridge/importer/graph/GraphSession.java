package io.exchangebridge.importer.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.credential.AccessToken;
import io.exchangebridge.foundation.http.RetryAfter;
import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.foundation.tracing.Traceparent;
import io.exchangebridge.importer.config.ImporterConfig;
import io.quarkus.logging.Log;

/**
 * Graph calls for one mailbox: every request carries {@code Prefer: IdType="ImmutableId"}, at most
 * {@code concurrency-per-mailbox} run at once, 429/503/504 and dropped connections are retried after Retry-After
 * (seconds or HTTP date) or an exponential backoff with jitter, and once Graph has said Retry-After no request of this
 * mailbox leaves before it has passed. A 401 gets one fresh token and one more try.
 */
public final class GraphSession {

    /** What a streaming call does with the body of a 200 answer. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private static final String IMMUTABLE_IDS = "IdType=\"ImmutableId\"";

    private final HttpClient http;
    private final ObjectMapper json;
    private final ImporterConfig.Graph config;
    private final URI base;
    private final String userPath;
    private final Supplier<AccessToken> tokens;
    private final Function<AccessToken, AccessToken> refresh;
    private final Slots slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RetryGate gate;
    private final int maxRetries;
    private final Duration maxWait;
    /** Told of each 429 or 503 that came with a Retry-After (the importer's throttling metric). */
    private final Runnable throttled;

    /**
     * A session that retries {@code maxRetries} times, and only while Graph asks to wait no longer than {@code maxWait}
     * (null: as long as Graph asks).
     */
    GraphSession(HttpClient http, ObjectMapper json, ImporterConfig.Graph config, String mailbox,
            Supplier<AccessToken> tokens, Function<AccessToken, AccessToken> refresh, int maxRetries,
            Duration maxWait, Runnable throttled) {
        this.http = http;
        this.json = json;
        this.config = config;
        this.maxRetries = maxRetries;
        this.maxWait = maxWait;
        this.throttled = throttled;
        this.base = URI.create(UrlPaths.withoutTrailingSlash(config.baseUrl()));
        this.userPath = "/users/" + UrlPaths.segment(mailbox);
        this.tokens = tokens;
        this.refresh = refresh;
        this.slots = new Slots(Math.max(1, Math.min(4, config.concurrencyPerMailbox())));
        this.gate = new RetryGate(config.backoffBase(), config.backoffMax());
    }

    /** An absolute URL for a path below {@code /users/{mailbox}}. */
    public URI user(String pathAndQuery) {
        return URI.create(base + userPath + pathAndQuery);
    }

    /** An absolute URL for a path below the Graph base URL itself, such as {@code /subscriptions}. */
    public URI root(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    /**
     * Checks that a {@code @odata.nextLink}/{@code deltaLink} points to the Graph host we started with; a link to any
     * other host would receive our bearer token.
     */
    public URI link(String link) {
        URI uri = URI.create(link);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || !base.getScheme().equalsIgnoreCase(uri.getScheme())
                || !base.getHost().equalsIgnoreCase(uri.getHost()) || base.getPort() != uri.getPort()) {
            throw new GraphException(502, "ForeignNextLink",
                    "Graph returned a paging link to another host (" + uri.getHost() + "); not followed.");
        }
        return uri;
    }

    /** GET of one resource as {@code type} (unknown members ignored). */
    public <T> T get(URI uri, Class<T> type) {
        return send(uri, "GET", null, null, in -> read(in, type));
    }

    /**
     * GET of a collection page: {@code value} items as {@code item}, {@code @removed} entries of a delta as ids, the
     * {@code @odata.nextLink} checked by {@link #link}, and the {@code @odata.deltaLink} of a delta's last page.
     * {@code prefer} adds preferences such as {@code odata.maxpagesize=100}; null for none.
     */
    public <T> GraphPage<T> page(URI uri, Class<T> item, String prefer) {
        return send(uri, "GET", null, prefer, in -> GraphPages.read(json, in, item, this::link));
    }

    /** POST of a JSON body; the answer as {@code type}, null when it has no body or {@code type} is {@code Void}. */
    public <T> T post(URI uri, Object body, Class<T> type) {
        return send(uri, "POST", body, null, in -> read(in, type));
    }

    /** PATCH of a JSON body; the answer is not read. */
    public void patch(URI uri, Object body) {
        send(uri, "PATCH", body, null, in -> null);
    }

    public void delete(URI uri) {
        send(uri, "DELETE", null, null, in -> null);
    }

    /**
     * A request with an optional {@code If-Match} (such as an event's {@code W/"<changeKey>"}) and preferences (such as
     * {@code outlook.timezone="UTC"}), null for none; the answer as {@code type}, null when it has no body or
     * {@code type} is {@code Void}. A failed precondition is a {@link GraphException} with status 412.
     */
    public <T> T call(String method, URI uri, Object body, String prefer, String ifMatch, Class<T> type) {
        return send(uri, method, body, prefer, ifMatch, in -> read(in, type));
    }

    /** GET whose 200 body is handed to {@code reader} as a stream (for {@code $value}). */
    public <T> T stream(URI uri, BodyReader<T> reader) {
        return send(uri, "GET", null, null, reader);
    }

    private <T> T read(InputStream in, Class<T> type) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 || type == Void.class ? null : json.readValue(bytes, type);
    }

    private <T> T send(URI uri, String method, Object body, String prefer, BodyReader<T> reader) {
        return send(uri, method, body, prefer, null, reader);
    }

    private <T> T send(URI uri, String method, Object body, String prefer, String ifMatch, BodyReader<T> reader) {
        AccessToken token = tokens.get();
        boolean refreshed = false;
        int attempt = 0;
        int concurrentAtAnswer = 0;
        while (true) {
            HttpResponse<InputStream> response;
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphException(0, "Interrupted", "Interrupted.");
            }
            try {
                // Checked while holding a slot, so no request of this mailbox leaves before a Retry-After passed.
                gate.await();
                inFlight.incrementAndGet();
                try {
                    response = http.send(request(uri, method, body, prefer, ifMatch, token),
                            HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    response = null;
                    if (attempt >= maxRetries) {
                        throw new GraphException(0, "ConnectionFailed",
                                "Graph could not be reached (" + e.getClass().getSimpleName() + ").");
                    }
                }
                concurrentAtAnswer = inFlight.get();
                if (response != null) {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        InputStream in = response.body();
                        try {
                            T result = reader.read(in);
                            closeQuietly(in); // the reader is done (a message may be committed): no retry now
                            return result;
                        } catch (IOException e) {
                            closeQuietly(in);
                            // A body cut off mid-stream: retried like a dropped connection.
                            if (attempt >= maxRetries) {
                                throw new GraphException(0, "ConnectionFailed",
                                        "Graph's answer was cut off (" + e.getClass().getSimpleName() + ").");
                            }
                            response = null;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphException(0, "Interrupted", "Interrupted.");
            } finally {
                inFlight.decrementAndGet();
                slots.release();
            }
            if (response == null) {
                gate.close(attempt++, null);
                continue;
            }
            int status = response.statusCode();
            JsonNode error = readError(response);
            String code = error.path("code").asText("");
            String message = error.path("message").asText("HTTP " + status);
            if (status == 401 && !refreshed) {
                token = refresh.apply(token);
                refreshed = true;
                continue;
            }
            if (status == 429 && message.contains("Concurrency")) {
                // Graph allows fewer parallel requests than we run: go below what was in flight, so the refusal
                // does not repeat and no request of ours can race the Retry-After it came with.
                slots.limit(concurrentAtAnswer - 1);
            }
            Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
            if ((status == 429 || status == 503) && retryAfter != null) {
                throttled.run();
            }
            if ((status == 429 || status == 503 || status == 504) && attempt < maxRetries
                    && (maxWait == null || retryAfter == null || retryAfter.compareTo(maxWait) <= 0)) {
                Log.debugf("Graph %s %d %s, retry %d after %s", method, status, code, attempt + 1, retryAfter);
                gate.close(attempt++, retryAfter);
                continue;
            }
            throw new GraphException(status, code, message, retryAfter);
        }
    }

    private HttpRequest request(URI uri, String method, Object body, String prefer, String ifMatch,
            AccessToken token) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + token.value())
                .header("Prefer", prefer == null ? IMMUTABLE_IDS : IMMUTABLE_IDS + ", " + prefer)
                .header("Accept", "application/json");
        Traceparent.addTo(b); // Graph ignores it; a proxy or gateway in between may join the trace
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        return b.build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the body was read or abandoned; nothing to save
        }
    }

    private JsonNode readError(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(64 * 1024);
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes).path("error");
        } catch (IOException | RuntimeException e) {
            return json.createObjectNode();
        }
    }

    /** The foundation's reading of Retry-After (an HTTP date rounded up a second: never early); null when missing. */
    static Duration retryAfter(String header) {
        return RetryAfter.parse(header).orElse(null);
    }
}
