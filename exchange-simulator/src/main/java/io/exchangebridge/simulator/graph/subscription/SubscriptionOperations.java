package io.exchangebridge.simulator.graph.subscription;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.graph.calendar.CalendarFolder;
import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.store.MailFolder;
import io.exchangebridge.simulator.graph.store.MailStore;

/**
 * Graph's {@code /subscriptions} endpoints once the Graph API has checked the token and, for the resource's mailbox,
 * permission and application access policy. Refusals come out as {@link SubscriptionFailure}.
 */
public final class SubscriptionOperations {

    /**
     * Graph enforces 10,070 minutes for Outlook messages and events (the docs say "under 7 days", 10,080; Graph's own
     * error message names 10,070: see the README's sources).
     */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10_070);

    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");
    private static final Set<String> TLS_VERSIONS = Set.of("v1_0", "v1_1", "v1_2", "v1_3");
    private static final int CLIENT_STATE_MAX = 128;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GraphSubscriptions subscriptions;
    private final MailStore store;
    private final GraphCalendar calendar;
    private final Clock clock;

    SubscriptionOperations(GraphSubscriptions subscriptions, MailStore store, GraphCalendar calendar, Clock clock) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The resource named in a create request's body, so the Graph API can authorize against its mailbox. */
    public SubscriptionResource resourceOf(byte[] body) {
        return SubscriptionResource.parse(object(body).path("resource").asText(null));
    }

    /** The resource of an existing subscription of the caller's; not found for another application's. */
    public SubscriptionResource resourceOf(SubscriptionCaller caller, String id) {
        return owned(caller, id).resource();
    }

    /**
     * {@code POST /subscriptions}: validates the body, then the notification (and lifecycle) URL by the handshake, then
     * 201 with the subscription.
     */
    public SubscriptionAnswer create(SubscriptionCaller caller, String mailboxUpn, String mailboxId, byte[] body,
            boolean immutableIds, String baseUrl) {
        JsonNode json = object(body);
        SubscriptionResource resource = SubscriptionResource.parse(json.path("resource").asText(null));
        Set<String> changeTypes = changeTypes(json.path("changeType").asText(""));
        String notificationUrl = url(json.path("notificationUrl").asText(null), "notificationUrl");
        Optional<String> lifecycleUrl = Optional.ofNullable(json.path("lifecycleNotificationUrl").asText(null))
                .map(u -> url(u, "lifecycleNotificationUrl"));
        Instant expiration = expiration(json.path("expirationDateTime").asText(null));
        Optional<String> clientState = Optional.ofNullable(json.path("clientState").asText(null));
        if (clientState.filter(c -> c.length() > CLIENT_STATE_MAX).isPresent()) {
            throw SubscriptionFailure.badRequest("clientState can be at most " + CLIENT_STATE_MAX + " characters.");
        }
        String tls = json.path("latestSupportedTlsVersion").asText("v1_2");
        if (!TLS_VERSIONS.contains(tls)) {
            throw SubscriptionFailure.badRequest("Invalid latestSupportedTlsVersion '" + tls + "'.");
        }
        Optional<String> container = container(mailboxUpn, resource);
        String id = UUID.randomUUID().toString();
        subscriptions.handshake().validate(id, notificationUrl);
        lifecycleUrl.ifPresent(u -> subscriptions.handshake().validate(id, u));
        SimSubscription view = new SimSubscription(id, json.path("resource").asText(),
                String.join(",", changeTypes), notificationUrl, lifecycleUrl, expiration, clientState, caller.appId());
        Subscription s = new Subscription(view, caller.tenantId(), caller.creatorId(), mailboxUpn, mailboxId,
                resource, container, changeTypes, immutableIds, tls);
        subscriptions.put(s);
        return new SubscriptionAnswer(201, SubscriptionJson.entity(s, baseUrl));
    }

    /** {@code GET /subscriptions}: the caller's application's subscriptions. */
    public SubscriptionAnswer list(SubscriptionCaller caller, String baseUrl) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("@odata.context", baseUrl + "/$metadata#subscriptions");
        var value = body.putArray("value");
        subscriptions.owned(caller.appId()).forEach(s -> SubscriptionJson.fields(value.addObject(), s));
        return new SubscriptionAnswer(200, body);
    }

    public SubscriptionAnswer get(SubscriptionCaller caller, String id, String baseUrl) {
        return new SubscriptionAnswer(200, SubscriptionJson.entity(owned(caller, id), baseUrl));
    }

    /**
     * {@code PATCH /subscriptions/{id}}: renews ({@code expirationDateTime}) and/or re-points ({@code notificationUrl},
     * validated by the handshake first).
     */
    public SubscriptionAnswer update(SubscriptionCaller caller, String id, byte[] body, String baseUrl) {
        Subscription s = owned(caller, id);
        JsonNode json = object(body);
        if (json.hasNonNull("expirationDateTime")) {
            s = s.withExpiration(expiration(json.get("expirationDateTime").asText()));
        }
        if (json.hasNonNull("notificationUrl")) {
            String url = url(json.get("notificationUrl").asText(), "notificationUrl");
            subscriptions.handshake().validate(id, url);
            s = s.withNotificationUrl(url);
        }
        // deleted meanwhile (or during the handshake): Graph would not find it either
        if (!subscriptions.replace(s)) {
            throw SubscriptionFailure.notFound();
        }
        return new SubscriptionAnswer(200, SubscriptionJson.entity(s, baseUrl));
    }

    /**
     * {@code POST /subscriptions/{id}/reauthorize}, the answer to {@code reauthorizationRequired}: 204 when the caller
     * (whose token the Graph API has just checked against the resource) still owns the subscription.
     */
    public SubscriptionAnswer reauthorize(SubscriptionCaller caller, String id) {
        owned(caller, id);
        return new SubscriptionAnswer(204, null);
    }

    public SubscriptionAnswer delete(SubscriptionCaller caller, String id) {
        owned(caller, id);
        subscriptions.remove(id);
        return new SubscriptionAnswer(204, null);
    }

    private Subscription owned(SubscriptionCaller caller, String id) {
        return subscriptions.live(id).filter(s -> s.view().appId().equals(caller.appId()))
                .orElseThrow(SubscriptionFailure::notFound);
    }

    private Optional<String> container(String upn, SubscriptionResource resource) {
        return switch (resource.scope()) {
            case ALL_MESSAGES, ALL_EVENTS -> Optional.empty();
            case FOLDER_MESSAGES -> Optional.of(store.mailbox(upn).graphFolder(resource.container().orElseThrow())
                    .filter(f -> !f.hidden()).map(MailFolder::id).orElseThrow(() -> notFound(resource)));
            case CALENDAR_EVENTS -> Optional.of(resource.container()
                    .map(ref -> calendar.mailbox(upn).calendar(ref).map(CalendarFolder::id)
                            .orElseThrow(() -> notFound(resource)))
                    .orElseGet(() -> calendar.mailbox(upn).primaryCalendarId()));
        };
    }

    private static SubscriptionFailure notFound(SubscriptionResource resource) {
        return SubscriptionFailure.invalid("The folder or calendar '" + resource.container().orElse("")
                + "' of the resource was not found.");
    }

    private static Set<String> changeTypes(String value) {
        Set<String> types = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String type = part.trim().toLowerCase(Locale.ROOT);
            if (!type.isEmpty()) {
                types.add(type);
            }
        }
        if (types.isEmpty() || !CHANGE_TYPES.containsAll(types)) {
            throw SubscriptionFailure.badRequest("changeType must be a comma-separated list of created, updated and"
                    + " deleted; got '" + value + "'.");
        }
        return types;
    }

    private String url(String value, String property) {
        URI uri;
        try {
            uri = value == null ? null : URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
            throw SubscriptionFailure.badRequest(property + " must be an absolute URL.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && subscriptions.allowsHttp())) {
            throw SubscriptionFailure.badRequest(property + " must use https.");
        }
        return value;
    }

    private Instant expiration(String value) {
        if (value == null) {
            throw SubscriptionFailure.badRequest("The subscription needs an 'expirationDateTime'.");
        }
        Instant expiration;
        try {
            expiration = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw SubscriptionFailure.badRequest("Invalid expirationDateTime '" + value + "'.");
        }
        Instant now = clock.instant();
        if (!expiration.isAfter(now)) {
            throw SubscriptionFailure.invalid("Subscription expiration must be in the future.");
        }
        if (expiration.isAfter(now.plus(MAX_LIFETIME))) {
            throw SubscriptionFailure.invalid("Subscription expiration can only be " + MAX_LIFETIME.toMinutes()
                    + " minutes in the future.");
        }
        return expiration;
    }

    private static JsonNode object(byte[] body) {
        try {
            JsonNode json = body.length == 0 ? null : MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw SubscriptionFailure.badRequest("The request body must be a JSON object.");
            }
            return json;
        } catch (IOException e) {
            throw SubscriptionFailure.badRequest("The request body is not valid JSON.");
        }
    }
}
