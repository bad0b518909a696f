package io.exchangebridge.simulator.graph.subscription;

import java.time.Instant;
import java.util.Optional;

/**
 * A Graph subscription as the simulator holds it, for tests to inspect.
 *
 * @param id
 *            Graph's subscription id (a GUID)
 * @param resource
 *            the resource as the client gave it, e.g. {@code users/a@b.com/mailFolders('inbox')/messages}
 * @param changeType
 *            e.g. {@code created} or {@code created,updated,deleted}
 * @param notificationUrl
 *            where change notifications go
 * @param lifecycleNotificationUrl
 *            where lifecycle notifications go; empty when the client gave none
 * @param expiration
 *            {@code expirationDateTime}, on the simulator clock
 * @param clientState
 *            the client's secret, echoed in every notification; empty when the client gave none
 * @param appId
 *            the application that created it (only it sees the subscription)
 */
public record SimSubscription(String id, String resource, String changeType, String notificationUrl,
        Optional<String> lifecycleNotificationUrl, Instant expiration, Optional<String> clientState, String appId) {
}
