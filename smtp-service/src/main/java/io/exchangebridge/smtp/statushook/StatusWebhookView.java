package io.exchangebridge.smtp.statushook;

import java.time.Instant;

/** A user's status webhook as the API shows it: never its secret. */
public record StatusWebhookView(String apiUser, String url, boolean secretSet, Instant createdAt, Instant updatedAt) {
}
