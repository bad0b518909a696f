package io.exchangebridge.credential.status;

import static io.exchangebridge.credential.testing.Api.appCredential;
import static io.exchangebridge.credential.testing.Api.create;
import static io.exchangebridge.credential.testing.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.exchangebridge.credential.testing.SimulatorTestResource;
import io.exchangebridge.credential.testing.WebhookReceiverResource;
import io.exchangebridge.credential.testing.WebhookReceiverResource.Delivery;
import io.exchangebridge.foundation.webhook.WebhookSignature;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Status changes reach the webhook, signed with HMAC-SHA256, and a failed delivery is retried. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(SimulatorTestResource.class)
@WithTestResource(WebhookReceiverResource.class)
class WebhookTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void statusChangeIsDeliveredSignedAndRetried() throws Exception {
        String clientId = UUID.randomUUID().toString();
        SimulatorTestResource.current().tenant(io.exchangebridge.credential.testing.Api.TENANT).app(clientId)
                .secret("right", java.time.Instant.now().plus(Duration.ofDays(30)));
        create(appCredential("hook-1", clientId, "wrong-secret-value"));
        token("app1", "hook-1", "graph").then().statusCode(409);

        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiverResource.DELIVERIES.stream()
                .anyMatch(d -> d.answeredWith() == 204 && d.body().contains("CONFIG_ERROR")));

        Delivery delivered = WebhookReceiverResource.DELIVERIES.stream()
                .filter(d -> d.answeredWith() == 204 && d.body().contains("CONFIG_ERROR")).findFirst().orElseThrow();
        JsonNode body = json.readTree(delivered.body());
        assertThat(body.get("credentialId").asText()).isEqualTo("hook-1");
        assertThat(body.get("status").asText()).isEqualTo("CONFIG_ERROR");
        assertThat(body.get("previousStatus").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("code").asText()).isEqualTo("AADSTS7000215");
        assertThat(delivered.body()).doesNotContain("wrong-secret-value");

        assertThat(delivered.signature()).startsWith("sha256=");
        assertThat(delivered.event()).isEqualTo("credential.status");
        assertThat(WebhookSignature.verify(WebhookReceiverResource.SECRET, delivered.timestamp(),
                delivered.body().getBytes(StandardCharsets.UTF_8), delivered.signature())).isTrue();
        assertThat(WebhookSignature.verify("another-secret", delivered.timestamp(),
                delivered.body().getBytes(StandardCharsets.UTF_8), delivered.signature())).isFalse();

        // The first delivery got a 500 and was delivered again.
        Delivery first = WebhookReceiverResource.DELIVERIES.get(0);
        assertThat(first.answeredWith()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiverResource.DELIVERIES.stream()
                .filter(d -> d.body().equals(first.body()) && d.answeredWith() == 204).count() == 1);
    }
}
