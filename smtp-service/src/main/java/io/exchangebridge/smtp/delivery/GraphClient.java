package io.exchangebridge.smtp.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.smtp.config.RelayConfig;

/**
 * Graph {@code sendMail} over the typed REST client {@link GraphRestClient}: builds it from {@code relay.graph.*} and
 * reads Graph's answer into an {@link Answer}. What an answer means for the message is {@link GraphDelivery}'s.
 */
final class GraphClient {

    /** Graph's answer: the status, the error code of its body ("" when none) and its Retry-After header, or null. */
    record Answer(int status, String code, String retryAfter) {
    }

    private final ObjectMapper json;
    private final GraphRestClient client;

    GraphClient(RelayConfig.Graph g, ObjectMapper json) {
        this.json = json;
        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(g.url())
                .connectTimeout(g.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(g.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true);
        if (g.trustStore().isPresent()) {
            try (InputStream in = Files.newInputStream(g.trustStore().get())) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, g.trustStorePassword().orElse("").toCharArray());
                builder.trustStore(store);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the trust store relay.graph.trust-store", e);
            }
        }
        this.client = builder.build(GraphRestClient.class);
    }

    /**
     * Sends the MIME (in base64) as {@code mailbox} with the token.
     *
     * @throws ProcessingException
     *             when Graph cannot be reached
     */
    Answer sendMail(String mailbox, String token, String base64Mime) {
        try (Response response = client.sendMail(mailbox, "Bearer " + token, base64Mime)) {
            int status = response.getStatus();
            if (status == 202) {
                return new Answer(status, "", null);
            }
            return new Answer(status, errorCode(response), response.getHeaderString("Retry-After"));
        }
    }

    private String errorCode(Response response) {
        try {
            JsonNode node = json.readTree(response.readEntity(String.class));
            return node.path("error").path("code").asText("");
        } catch (RuntimeException | IOException e) {
            return "";
        }
    }
}
