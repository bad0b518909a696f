package io.exchangebridge.foundation.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"type\":\"message.sent\"}".getBytes(StandardCharsets.UTF_8);

    /** The expected value was computed outside Java (Python's hmac module), so the format is pinned independently. */
    @Test
    void signsTimestampDotBodyAsDocumented() {
        assertThat(WebhookSignature.sign("whsec-test", "1700000000", BODY))
                .isEqualTo("sha256=70379677b50d8073da6682b9a4af75640a51a3897c98f36e20c6f5bfdc2e462e");
    }

    @Test
    void verifiesOnlyTheSameSecretTimestampAndBody() {
        String signature = WebhookSignature.sign("whsec-test", "1700000000", BODY);
        assertThat(WebhookSignature.verify("whsec-test", "1700000000", BODY, signature)).isTrue();
        assertThat(WebhookSignature.verify("whsec-other", "1700000000", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec-test", "1700000001", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec-test", "1700000000", "{}".getBytes(StandardCharsets.UTF_8),
                signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec-test", "1700000000", BODY, null)).isFalse();
    }

    @Test
    void addsTheFourHeaders() {
        HttpRequest request = WebhookSignature.signed(HttpRequest.newBuilder(URI.create("http://localhost/hook")),
                "whsec-test", "message.sent", "status-42", BODY).POST(HttpRequest.BodyPublishers.ofByteArray(BODY))
                .build();
        String timestamp = request.headers().firstValue(WebhookSignature.TIMESTAMP).orElseThrow();
        assertThat(Long.parseLong(timestamp)).isPositive();
        assertThat(request.headers().firstValue(WebhookSignature.EVENT)).hasValue("message.sent");
        assertThat(request.headers().firstValue(WebhookSignature.DELIVERY)).hasValue("status-42");
        assertThat(request.headers().firstValue(WebhookSignature.SIGNATURE))
                .hasValue(WebhookSignature.sign("whsec-test", timestamp, BODY));
        HttpRequest unsigned = WebhookSignature.signed(HttpRequest.newBuilder(URI.create("http://localhost/hook")),
                null, "message.sent", "status-43", BODY).GET().build();
        assertThat(unsigned.headers().firstValue(WebhookSignature.SIGNATURE)).isEmpty();
    }
}
