package io.exchangebridge.simulator.graph.subscription;

/**
 * Who calls {@code /subscriptions}, from the checked access token.
 *
 * @param appId
 *            the application; only it sees its subscriptions
 * @param tenantId
 *            its tenant
 * @param creatorId
 *            the signed-in user's object id for a delegated token, else the application's id
 */
public record SubscriptionCaller(String appId, String tenantId, String creatorId) {
}
