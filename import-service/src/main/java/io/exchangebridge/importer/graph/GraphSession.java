package io.exchangebridge.importer.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.foundation.credential.AccessToken;
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
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Object gateLock = new Object();
    private Instant notBefore = Instant.EPOCH;

    GraphSession(HttpClient http, ObjectMapper json, ImporterConfig.Graph config, String mailbox,
            Supplier<AccessToken> tokens, Function<AccessToken, AccessToken> refresh) {
        this.http = http;
        this.json = json;
        this.config = config;
        String b = config.baseUrl().toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.userPath = "/users/" + encode(mailbox);
        this.tokens = tokens;
        this.refresh = refresh;
        this.slots = new Slots(Math.max(1, Math.min(4, config.concurrencyPerMailbox())));
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An absolute URL for a path below {@code /users/{mailbox}}. */
    public URI user(String pathAndQuery) {
        return URI.create(base + userPath + pathAndQuery);
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

    public JsonNode get(URI uri) {
        return send(uri, "GET", null, null, this::readJson);
    }

    /** GET with extra {@code Prefer} preferences (such as {@code odata.maxpagesize=100}). */
    public JsonNode get(URI uri, String prefer) {
        return send(uri, "GET", null, prefer, this::readJson);
    }

    public JsonNode post(URI uri, Object body) {
        return send(uri, "POST", body, null, this::readJson);
    }

    public JsonNode patch(URI uri, Object body) {
        return send(uri, "PATCH", body, null, this::readJson);
    }

    public void delete(URI uri) {
        send(uri, "DELETE", null, null, in -> null);
    }

    /** GET whose 200 body is handed to {@code reader} as a stream (for {@code $value}). */
    public <T> T stream(URI uri, BodyReader<T> reader) {
        return send(uri, "GET", null, null, reader);
    }

    private JsonNode readJson(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    }

    private <T> T send(URI uri, String method, Object body, String prefer, BodyReader<T> reader) {
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
                waitForGate();
                inFlight.incrementAndGet();
                try {
                    response = http.send(request(uri, method, body, prefer, token),
                            HttpResponse.BodyHandlers.ofInputStream());
                } catch (IOException e) {
                    response = null;
                    if (attempt >= config.maxRetries()) {
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
                            if (attempt >= config.maxRetries()) {
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
                backoff(attempt++, null);
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
            if ((status == 429 || status == 503 || status == 504) && attempt < config.maxRetries()) {
                Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                Log.debugf("Graph %s %d %s, retry %d after %s", method, status, code, attempt + 1, retryAfter);
                backoff(attempt++, retryAfter);
                continue;
            }
            throw new GraphException(status, code, message);
        }
    }

    private HttpRequest request(URI uri, String method, Object body, String prefer, AccessToken token)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + token.value())
                .header("Prefer", prefer == null ? IMMUTABLE_IDS : IMMUTABLE_IDS + ", " + prefer)
                .header("Accept", "application/json");
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

    /** A semaphore whose number of permits can be lowered while permits are held. */
    private static final class Slots extends Semaphore {
        private int limit;

        Slots(int permits) {
            super(permits, true);
            this.limit = permits;
        }

        synchronized void limit(int wanted) {
            int target = Math.max(1, wanted);
            if (target < limit) {
                reducePermits(limit - target);
                Log.debugf("Graph concurrency for this mailbox lowered to %d", target);
                limit = target;
            }
        }
    }

    /** Seconds or an HTTP date (whole seconds, so one second is added: never early); null when missing or bad. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at.plusSeconds(1));
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Closes the mailbox's gate until Retry-After (plus a margin) or a jittered exponential backoff has passed. */
    private void backoff(int attempt, Duration retryAfter) {
        Duration wait;
        if (retryAfter != null) {
            wait = retryAfter.plusMillis(100);
        } else {
            long baseMillis = config.backoffBase().toMillis();
            long max = config.backoffMax().toMillis();
            long exp = Math.min(max, baseMillis * (1L << Math.min(20, attempt)));
            wait = Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
        }
        Instant until = Instant.now().plus(wait);
        synchronized (gateLock) {
            if (until.isAfter(notBefore)) {
                notBefore = until;
            }
        }
    }

    private void waitForGate() {
        while (true) {
            Instant until;
            synchronized (gateLock) {
                until = notBefore;
            }
            long millis = Duration.between(Instant.now(), until).toMillis();
            if (millis <= 0) {
                return;
            }
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GraphException(0, "Interrupted", "Interrupted.");
            }
        }
    }
}
