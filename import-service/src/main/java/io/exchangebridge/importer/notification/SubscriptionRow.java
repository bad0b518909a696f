package io.exchangebridge.importer.notification;

import java.time.Instant;

/**
 * The stored state of one account's subscription of one kind.
 *
 * @param source
 *            what the account asked for when the subscription was made ({@code folder} path or calendar name), so a
 *            changed account is noticed without asking Graph
 * @param resource
 *            Graph's resource path, e.g. {@code users/a@b.com/mailFolders('AAMk...')/messages}
 * @param subscriptionId
 *            Graph's id; null when creation failed
 * @param clientStateHash
 *            SHA-256 of the clientState (the secret itself is never stored)
 * @param failure
 *            why the last creation or renewal failed, or null
 */
public record SubscriptionRow(String mailboxId, SubscriptionKind kind, String credentialId, String mailbox,
        String source, String resource, String subscriptionId, byte[] clientStateHash, Instant expiresAt,
        boolean active, String failure) {
}
