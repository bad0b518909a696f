package io.exchangebridge.smtp.statushook;

/** Body of {@code PUT /api/status-webhook}: where to POST the events and the HMAC secret to sign them with. */
public record StatusWebhookRequest(String url, String secret) {
}
