package io.exchangebridge.importer.notification;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.exchangebridge.foundation.http.UrlPaths;
import io.exchangebridge.importer.graph.GraphException;
import io.exchangebridge.importer.graph.GraphSession;

/**
 * Graph's {@code /subscriptions} (at the Graph base URL, not below the user) on a mailbox's {@link GraphSession}: its
 * token, retries and Retry-After gate.
 */
final class SubscriptionGraph {

    /** The part of Graph's subscription entity we read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Created(String id, String expirationDateTime) {

        Instant expiration() {
            return Instant.parse(expirationDateTime);
        }
    }

    private final GraphSession g;

    SubscriptionGraph(GraphSession g) {
        this.g = g;
    }

    /** Creates a subscription; Graph validates both URLs by the handshake before it answers 201. */
    Created create(String resource, String changeType, String notificationUrl, String lifecycleUrl,
            Instant expiration, String clientState) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeType", changeType);
        body.put("notificationUrl", notificationUrl);
        body.put("lifecycleNotificationUrl", lifecycleUrl);
        body.put("resource", resource);
        body.put("expirationDateTime", date(expiration));
        body.put("clientState", clientState);
        body.put("latestSupportedTlsVersion", "v1_2");
        return g.post(g.root("/subscriptions"), body, Created.class);
    }

    /** Renews; a {@link GraphException} with status 404 when Graph no longer has the subscription. */
    void renew(String id, Instant expiration) {
        g.patch(g.root("/subscriptions/" + UrlPaths.segment(id)), Map.of("expirationDateTime", date(expiration)));
    }

    /** Deletes; a subscription Graph no longer has counts as deleted. */
    void delete(String id) {
        try {
            g.delete(g.root("/subscriptions/" + UrlPaths.segment(id)));
        } catch (GraphException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private static String date(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
