package io.exchangebridge.simulator.graph.subscription;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription with what the simulator needs besides its public view: whose mailbox it watches, the folder or
 * calendar its resource named (resolved once, as Graph does), and the id form its notifications use.
 *
 * @param view
 *            what tests see
 * @param tenantId
 *            the tenant, for {@code tenantId} in notifications
 * @param creatorId
 *            the signed-in user's object id (delegated) or the app's id (application)
 * @param mailboxUpn
 *            the mailbox watched
 * @param mailboxId
 *            its object id, for the notifications' {@code Users/{id}/...} resource
 * @param resource
 *            the parsed resource
 * @param containerId
 *            the resolved folder or calendar id; empty for {@code messages} and {@code events}
 * @param changeTypes
 *            the change types subscribed to
 * @param immutableIds
 *            created with {@code Prefer: IdType="ImmutableId"}: notifications carry immutable message ids
 * @param tlsVersion
 *            {@code latestSupportedTlsVersion}
 */
record Subscription(SimSubscription view, String tenantId, String creatorId, String mailboxUpn, String mailboxId,
        SubscriptionResource resource, Optional<String> containerId, Set<String> changeTypes, boolean immutableIds,
        String tlsVersion) {

    String id() {
        return view.id();
    }

    Subscription withExpiration(Instant expiration) {
        SimSubscription v = view;
        return new Subscription(new SimSubscription(v.id(), v.resource(), v.changeType(), v.notificationUrl(),
                v.lifecycleNotificationUrl(), expiration, v.clientState(), v.appId()), tenantId, creatorId,
                mailboxUpn, mailboxId, resource, containerId, changeTypes, immutableIds, tlsVersion);
    }

    Subscription withNotificationUrl(String url) {
        SimSubscription v = view;
        return new Subscription(new SimSubscription(v.id(), v.resource(), v.changeType(), url,
                v.lifecycleNotificationUrl(), v.expiration(), v.clientState(), v.appId()), tenantId, creatorId,
                mailboxUpn, mailboxId, resource, containerId, changeTypes, immutableIds, tlsVersion);
    }
}
