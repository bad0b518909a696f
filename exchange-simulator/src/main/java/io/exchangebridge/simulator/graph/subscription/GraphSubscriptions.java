package io.exchangebridge.simulator.graph.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.graph.calendar.CalendarListener.EventChange;
import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.store.MailListener.MailChange;
import io.exchangebridge.simulator.graph.store.MailStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;

/**
 * Graph subscriptions and the change notifications they cause. Reach it as {@code sim.subscriptions()}: inspect with
 * {@link #all()} and {@link #delivered()}, switch on {@link #duplicates(int)} and {@link #delay(Duration)}, send
 * lifecycle notifications with {@link #lifecycle(String, String)}, let one expire with {@link #expireNow(String)}.
 * Every new, changed or deleted message and event is matched against the subscriptions on a thread of its own, so
 * notifications never go out inside the request that made the change. Thread-safe.
 */
public final class GraphSubscriptions implements AutoCloseable {

    /** The lifecycle events Microsoft documents. */
    public static final Set<String> LIFECYCLE_EVENTS = Set.of("reauthorizationRequired", "subscriptionRemoved",
            "missed");

    private final MailStore store;
    private final Clock clock;
    private final ConcurrentMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Deliveries deliveries = new Deliveries();
    private final Receivers receivers = new Receivers();
    private final Handshake handshake;
    private final Notifier notifier;
    private final SubscriptionOperations operations;
    private final SubscriptionAdminHandler adminHandler;
    private final ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graph-change-feed");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean allowHttp;

    public GraphSubscriptions(MailStore store, GraphCalendar calendar, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.handshake = new Handshake(receivers, deliveries, clock);
        this.notifier = new Notifier(receivers, deliveries, clock, id -> live(id).isPresent());
        this.operations = new SubscriptionOperations(this, store, calendar, clock);
        this.adminHandler = new SubscriptionAdminHandler(this);
        store.addListener(change -> enqueue(() -> onMail(change)));
        calendar.addListener(change -> enqueue(() -> onEvent(change)));
        // expiry runs on the simulator clock, so an advance of the clock expires subscriptions within a second
        feed.scheduleWithFixedDelay(this::removeExpired, 1, 1, TimeUnit.SECONDS);
    }

    /** Every live subscription, oldest expiry first. */
    public List<SimSubscription> all() {
        removeExpired();
        return subscriptions.values().stream().map(Subscription::view)
                .sorted(Comparator.comparing(SimSubscription::expiration)).toList();
    }

    public Optional<SimSubscription> get(String id) {
        return live(id).map(Subscription::view);
    }

    /**
     * POSTs a lifecycle notification ({@code reauthorizationRequired}, {@code subscriptionRemoved} or {@code missed})
     * to the subscription's lifecycle URL, as Graph would; a subscription without one gets none (as in Graph). After
     * {@code subscriptionRemoved} the subscription is gone.
     */
    public void lifecycle(String id, String lifecycleEvent) {
        if (!LIFECYCLE_EVENTS.contains(lifecycleEvent)) {
            throw new IllegalArgumentException("Unknown lifecycle event '" + lifecycleEvent + "', expected one of "
                    + LIFECYCLE_EVENTS);
        }
        Subscription s = live(id).orElseThrow(SubscriptionFailure::notFound);
        s.view().lifecycleNotificationUrl().ifPresent(url -> notifier.send(Delivery.Kind.LIFECYCLE, id, url,
                SubscriptionJson.lifecycle(s, lifecycleEvent)));
        if (lifecycleEvent.equals("subscriptionRemoved")) {
            subscriptions.remove(id);
        }
    }

    /** Sends every notification {@code copies} times (1: once, as normally), as Graph may. */
    public GraphSubscriptions duplicates(int copies) {
        notifier.copies(copies);
        return this;
    }

    /** Holds every notification back this long before the first attempt. */
    public GraphSubscriptions delay(Duration delay) {
        notifier.delay(delay);
        return this;
    }

    /** Accepts {@code http} notification URLs (Graph requires https), for receivers on localhost in tests. */
    public GraphSubscriptions allowHttp(boolean allow) {
        this.allowHttp = allow;
        return this;
    }

    /** The first retry interval after a failed notification (default 30 s); each further retry waits twice as long. */
    public GraphSubscriptions retryBackoff(Duration first) {
        notifier.firstRetry(first);
        return this;
    }

    /** Every POST made to subscribers (handshakes, notifications, lifecycle notifications), oldest first. */
    public List<Delivery> delivered() {
        return deliveries.all();
    }

    /** The subscription reaches its expirationDateTime now: it stops notifying and is deleted, as in Graph. */
    public void expireNow(String id) {
        if (subscriptions.remove(id) == null) {
            throw SubscriptionFailure.notFound();
        }
    }

    /** Forgets every subscription and delivery; duplicates, delay, retries and allowHttp return to their defaults. */
    public void reset() {
        subscriptions.clear();
        deliveries.clear();
        notifier.copies(1);
        notifier.delay(Duration.ZERO);
        notifier.firstRetry(Duration.ofSeconds(30));
        allowHttp = false;
    }

    /** Graph's {@code /subscriptions} endpoints, for the Graph API's routing. */
    public SubscriptionOperations operations() {
        return operations;
    }

    /** The admin API, to be mounted at {@code /_sim/subscriptions}. */
    public HttpHandler adminHandler() {
        return adminHandler;
    }

    @Override
    public void close() {
        feed.shutdownNow();
        notifier.close();
    }

    // --- for the operations ---

    boolean allowsHttp() {
        return allowHttp;
    }

    Handshake handshake() {
        return handshake;
    }

    void put(Subscription s) {
        subscriptions.put(s.id(), s);
    }

    /** Replaces a subscription that still exists; false when it is gone. */
    boolean replace(Subscription s) {
        return subscriptions.replace(s.id(), s) != null;
    }

    boolean remove(String id) {
        return subscriptions.remove(id) != null;
    }

    Optional<Subscription> live(String id) {
        Subscription s = subscriptions.get(id);
        if (s != null && !s.view().expiration().isAfter(clock.instant())) {
            subscriptions.remove(id, s);
            return Optional.empty();
        }
        return Optional.ofNullable(s);
    }

    List<Subscription> owned(String appId) {
        removeExpired();
        return subscriptions.values().stream().filter(s -> s.view().appId().equals(appId))
                .sorted(Comparator.comparing(s -> s.view().expiration())).toList();
    }

    /** Runs on the feed thread; after {@link #close()} changes are no longer matched (and the store is not failed). */
    private void enqueue(Runnable task) {
        try {
            feed.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nobody is notified any more
        }
    }

    private void removeExpired() {
        subscriptions.values().removeIf(s -> !s.view().expiration().isAfter(clock.instant()));
    }

    private void onMail(MailChange change) {
        for (Subscription s : subscriptions.values()) {
            if (s.resource().family() != SubscriptionResource.Family.MAIL || !matches(s, change.upn(),
                    change.changeType())) {
                continue;
            }
            boolean inScope = s.containerId().map(id -> id.equals(change.folderId()))
                    .orElseGet(() -> visible(change.upn(), change.folderId()));
            if (inScope) {
                StoredMessage m = change.message();
                notify(s, change.changeType(), s.immutableIds() ? m.immutableId() : m.restId(), m.changeKey());
            }
        }
    }

    private void onEvent(EventChange change) {
        for (Subscription s : subscriptions.values()) {
            if (s.resource().family() == SubscriptionResource.Family.CALENDAR
                    && matches(s, change.upn(), change.changeType())
                    && s.containerId().map(id -> id.equals(change.calendarId())).orElse(true)) {
                notify(s, change.changeType(), change.eventId(), change.changeKey());
            }
        }
    }

    private boolean matches(Subscription s, String upn, String changeType) {
        return s.mailboxUpn().equalsIgnoreCase(upn) && s.changeTypes().contains(changeType)
                && live(s.id()).isPresent();
    }

    /** {@code messages} covers the mailbox's folders but not Recoverable Items, where deleted mail goes. */
    private boolean visible(String upn, String folderId) {
        return store.mailbox(upn).graphFolder(folderId).map(f -> !f.hidden()).orElse(false);
    }

    private void notify(Subscription s, String changeType, String itemId, String changeKey) {
        notifier.send(Delivery.Kind.NOTIFICATION, s.id(), s.view().notificationUrl(),
                SubscriptionJson.change(s, changeType, itemId, changeKey));
    }
}
