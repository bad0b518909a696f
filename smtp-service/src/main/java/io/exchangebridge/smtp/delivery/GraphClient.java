package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.exchangebridge.smtp.config.RelayConfig;

/**
 * Graph mail over the typed REST client {@link GraphRestClient} (built from {@code relay.graph.*}), and the chunk
 * {@code PUT}s of upload sessions over the JDK's HTTP client: an upload URL is absolute, on another path than
 * {@code relay.graph.url} and pre-authenticated by its own token. Answers are read into an {@link Answer}; what one
 * means for the message is {@link GraphDelivery}'s.
 */
final class GraphClient {

    /**
     * Graph's answer: the status, the error code of its body ("" when none), its Retry-After header or null, the body
     * as JSON (missing when none or not JSON) and the Location header or null.
     */
    record Answer(int status, String code, String retryAfter, JsonNode body, String location) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final ObjectMapper json;
    private final GraphRestClient client;
    private final HttpClient uploads;
    private final Duration timeout;

    GraphClient(RelayConfig.Graph g, ObjectMapper json) {
        this.json = json;
        this.timeout = g.timeout();
        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(g.url())
                .connectTimeout(g.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(g.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(g.timeout());
        if (g.trustStore().isPresent()) {
            try (InputStream in = Files.newInputStream(g.trustStore().get())) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, g.trustStorePassword().orElse("").toCharArray());
                builder.trustStore(store);
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, trust.getTrustManagers(), null);
                http.sslContext(ssl);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the trust store relay.graph.trust-store", e);
            }
        }
        this.client = builder.build(GraphRestClient.class);
        this.uploads = http.build();
    }

    /**
     * Sends the MIME (in base64) as {@code mailbox} with the token.
     *
     * @throws ProcessingException
     *             when Graph cannot be reached
     */
    Answer sendMail(String mailbox, String token, String base64Mime) {
        return call(c -> c.sendMail(mailbox, bearer(token), base64Mime));
    }

    /** The ids of the messages in a folder that carry the extended property with this value. */
    Answer findTagged(String mailbox, String token, String folder, String propertyId, String value) {
        String filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + propertyId + "' and ep/value eq '"
                + value + "')";
        return call(c -> c.find(mailbox, bearer(token), folder, filter, "id"));
    }

    Answer createDraft(String mailbox, String token, JsonNode resource) {
        return call(c -> c.createDraft(mailbox, bearer(token), resource.toString()));
    }

    Answer delete(String mailbox, String token, String id) {
        return call(c -> c.delete(mailbox, bearer(token), id));
    }

    Answer addAttachment(String mailbox, String token, String id, JsonNode attachment) {
        return call(c -> c.addAttachment(mailbox, bearer(token), id, attachment.toString()));
    }

    Answer createUploadSession(String mailbox, String token, String id, JsonNode item) {
        return call(c -> c.createUploadSession(mailbox, bearer(token), id, item.toString()));
    }

    Answer send(String mailbox, String token, String id) {
        return call(c -> c.send(mailbox, bearer(token), id));
    }

    /**
     * One chunk of an upload session: {@code Content-Range: bytes from-to/total}, no Authorization header (the URL
     * carries its token, and Graph refuses a bearer token there).
     *
     * @throws IOException
     *             when the connection failed or was closed without an answer
     */
    Answer putChunk(String uploadUrl, byte[] bytes, int from, int length) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uploadUrl)).timeout(timeout)
                .header("Content-Range", "bytes " + from + "-" + (from + length - 1) + "/" + bytes.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes, from, length)).build();
        return upload(request);
    }

    /** The upload session's state (its nextExpectedRanges), as the Graph SDK asks for it before resuming. */
    Answer uploadState(String uploadUrl) throws IOException {
        return upload(HttpRequest.newBuilder(URI.create(uploadUrl)).timeout(timeout).GET().build());
    }

    private Answer upload(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = uploads.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = parse(r.body());
            return new Answer(r.statusCode(), body.path("error").path("code").asText(""),
                    r.headers().firstValue("Retry-After").orElse(null), body,
                    r.headers().firstValue("Location").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Answer call(Function<GraphRestClient, Response> request) {
        try (Response response = request.apply(client)) {
            JsonNode body = response.hasEntity() ? parse(response.readEntity(String.class)) : MissingNode.getInstance();
            return new Answer(response.getStatus(), body.path("error").path("code").asText(""),
                    response.getHeaderString("Retry-After"), body, response.getHeaderString("Location"));
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (IOException | RuntimeException e) {
            return MissingNode.getInstance();
        }
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
