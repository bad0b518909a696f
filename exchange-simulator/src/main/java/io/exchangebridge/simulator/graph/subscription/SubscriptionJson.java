package io.exchangebridge.simulator.graph.subscription;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Graph's JSON of subscriptions and of the notifications sent for them (Microsoft Learn: "subscription resource type",
 * "changeNotification resource type"). Graph names the resource of a notification by the user's object id, with
 * capitalised segments: {@code Users/{userId}/Messages/{id}}.
 */
final class SubscriptionJson {

    private SubscriptionJson() {
    }

    /** The subscription entity, as create, get and update answer it. */
    static ObjectNode entity(Subscription s, String baseUrl) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("@odata.context", baseUrl + "/$metadata#subscriptions/$entity");
        fields(json, s);
        return json;
    }

    /** The entity without {@code @odata.context}, as list items. */
    static ObjectNode fields(ObjectNode json, Subscription s) {
        SimSubscription v = s.view();
        json.put("id", v.id());
        json.put("resource", v.resource());
        json.put("applicationId", v.appId());
        json.put("changeType", v.changeType());
        json.put("clientState", v.clientState().orElse(null));
        json.put("notificationUrl", v.notificationUrl());
        json.putNull("notificationQueryOptions");
        json.put("lifecycleNotificationUrl", v.lifecycleNotificationUrl().orElse(null));
        json.put("expirationDateTime", date(v.expiration()));
        json.put("creatorId", s.creatorId());
        json.put("includeResourceData", false);
        json.put("latestSupportedTlsVersion", s.tlsVersion());
        json.putNull("encryptionCertificate");
        json.putNull("encryptionCertificateId");
        json.putNull("notificationUrlAppId");
        return json;
    }

    /** A change notification of one item; Graph posts them in a {@code value} array. */
    static ObjectNode change(Subscription s, String changeType, String itemId, String changeKey) {
        boolean mail = s.resource().family() == SubscriptionResource.Family.MAIL;
        String path = "Users/" + s.mailboxId() + (mail ? "/Messages/" : "/Events/") + itemId;
        ObjectNode item = item(s);
        item.put("changeType", changeType);
        item.put("resource", path);
        ObjectNode data = item.putObject("resourceData");
        data.put("@odata.type", mail ? "#Microsoft.Graph.Message" : "#Microsoft.Graph.Event");
        data.put("@odata.id", path);
        data.put("@odata.etag", "W/\"" + changeKey + "\"");
        data.put("id", itemId);
        return wrap(item);
    }

    /** A lifecycle notification: {@code lifecycleEvent} in place of {@code changeType}, no resource data. */
    static ObjectNode lifecycle(Subscription s, String lifecycleEvent) {
        ObjectNode item = item(s);
        item.put("lifecycleEvent", lifecycleEvent);
        item.put("resource", s.view().resource());
        return wrap(item);
    }

    private static ObjectNode item(Subscription s) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("subscriptionId", s.id());
        item.put("subscriptionExpirationDateTime", date(s.view().expiration()));
        s.view().clientState().ifPresent(c -> item.put("clientState", c));
        item.put("tenantId", s.tenantId());
        return item;
    }

    private static ObjectNode wrap(ObjectNode item) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("value").add(item);
        return body;
    }

    static String date(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
