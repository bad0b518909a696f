package io.exchangebridge.smtp.statushook;

/** What setting a webhook came to. */
public sealed interface SetResult {

    record Stored(StatusWebhookView webhook) implements SetResult {
    }

    /** No encryption key is configured, so no secret can be stored. */
    record EncryptionNotConfigured() implements SetResult {
    }
}
