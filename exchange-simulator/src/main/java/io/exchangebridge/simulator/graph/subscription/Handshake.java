package io.exchangebridge.simulator.graph.subscription;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Graph's validation of a notification URL before it creates (or re-points) a subscription: a POST of
 * {@code ?validationToken=...} (form-encoded; Graph's tokens contain spaces and colons, so a receiver that does not
 * URL-decode fails), answered within 10 seconds with 200, {@code text/plain} and the decoded token as the body.
 */
final class Handshake {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Receivers receivers;
    private final Deliveries deliveries;
    private final Clock clock;

    Handshake(Receivers receivers, Deliveries deliveries, Clock clock) {
        this.receivers = receivers;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** Validates the URL for the subscription; {@link SubscriptionFailure.Kind#VALIDATION_FAILED} otherwise. */
    void validate(String subscriptionId, String url) {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        String target = url + (url.contains("?") ? "&" : "?") + "validationToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Receivers.Answer answer = receivers.post(target, "text/plain; charset=utf-8", "", TIMEOUT);
        deliveries.record(new Delivery(Delivery.Kind.VALIDATION, subscriptionId, target, "", answer.status(), 1,
                clock.instant()));
        boolean plain = answer.contentType().toLowerCase(Locale.ROOT).startsWith("text/plain");
        if (answer.status() != 200 || !plain || !answer.body().equals(token)) {
            throw SubscriptionFailure.validationFailed(answer.timedOut());
        }
    }
}
