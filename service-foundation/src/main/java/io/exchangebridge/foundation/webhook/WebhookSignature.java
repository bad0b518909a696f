package io.exchangebridge.foundation.webhook;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one signature of every Exchange Bridge webhook: {@code X-Exchange-Bridge-Timestamp: <epoch seconds>} and
 * {@code X-Exchange-Bridge-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>." + body)>}, with the event's kind
 * in {@code X-Exchange-Bridge-Event} and a stable id per delivery (the same on every retry, for receivers' dedupe) in
 * {@code X-Exchange-Bridge-Delivery}. A receiver recomputes the HMAC over the raw body and refuses old timestamps.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP = "X-Exchange-Bridge-Timestamp";
    public static final String SIGNATURE = "X-Exchange-Bridge-Signature";
    public static final String EVENT = "X-Exchange-Bridge-Event";
    public static final String DELIVERY = "X-Exchange-Bridge-Delivery";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** {@code sha256=<hex>}: the HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", null);
        }
    }

    /** Whether {@code signature} (the header's value) signs the body at that timestamp; compared in constant time. */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        return signature != null && MessageDigest.isEqual(sign(secret, timestamp, body)
                .getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Adds the four headers to a request of {@code body}, signed now; without a secret (a receiver that asked for none)
     * only the event and delivery headers and the timestamp.
     */
    public static HttpRequest.Builder signed(HttpRequest.Builder request, String secret, String event,
            String deliveryId, byte[] body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        request.header(TIMESTAMP, timestamp).header(EVENT, event).header(DELIVERY, deliveryId);
        if (secret != null) {
            request.header(SIGNATURE, sign(secret, timestamp, body));
        }
        return request;
    }
}
