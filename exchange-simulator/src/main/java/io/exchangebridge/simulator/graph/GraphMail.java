package io.exchangebridge.simulator.graph;

import java.time.Clock;
import java.util.List;

import com.sun.net.httpserver.HttpHandler;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.entra.TokenVerifier;
import io.exchangebridge.simulator.graph.calendar.GraphCalendar;
import io.exchangebridge.simulator.graph.draft.DraftStore;
import io.exchangebridge.simulator.graph.store.MailStore;
import io.exchangebridge.simulator.graph.store.MailboxStore;
import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.simulator.graph.subscription.GraphSubscriptions;
import io.exchangebridge.simulator.limits.SendingLimits;
import io.exchangebridge.simulator.log.RequestLog;

/**
 * The simulated Microsoft Graph mail and calendar service: the mail store, the calendars, the Graph v1.0 handler, the
 * {@code /_sim/mail} admin handler, fault switches and throttling. Thread-safe.
 */
public final class GraphMail {

    private final MailStore store;
    private final GraphFaults faults = new GraphFaults();
    private final Throttle throttle;
    private final DeltaTokens deltaTokens = new DeltaTokens();
    private final GraphHandler graphHandler;
    private final GraphHandler uploadHandler;
    private final SendingLimits limits;
    private final DraftStore drafts = new DraftStore();
    private final MailAdminHandler adminHandler;
    private final GraphCalendar calendar;
    private final GraphSubscriptions subscriptions;

    public GraphMail(Directory directory, TokenVerifier verifier, RequestLog log) {
        this(directory, verifier, log, Clock.systemUTC());
    }

    /** With a clock of the test's choosing, e.g. to move past a throttling window without waiting. */
    public GraphMail(Directory directory, TokenVerifier verifier, RequestLog log, Clock clock) {
        this(directory, verifier, log, clock, new SendingLimits(directory, clock));
    }

    /** With recipient limits shared with the SMTP server (the simulator's {@code sendingLimits()}). */
    public GraphMail(Directory directory, TokenVerifier verifier, RequestLog log, Clock clock, SendingLimits limits) {
        this.limits = limits;
        this.store = new MailStore(clock);
        this.throttle = new Throttle(clock);
        this.calendar = new GraphCalendar(directory, clock);
        this.subscriptions = new GraphSubscriptions(store, calendar, clock);
        GraphApi api = new GraphApi(directory, verifier, log, store, faults, throttle, deltaTokens,
                calendar.operations(), subscriptions.operations(), limits, drafts, clock);
        this.graphHandler = new GraphHandler(api);
        this.uploadHandler = new GraphHandler(api::handleUpload, UploadOperation.PREFIX);
        this.adminHandler = new MailAdminHandler(this);
    }

    /** Every mailbox's folders, messages and sent mail. */
    public MailStore store() {
        return store;
    }

    /** One mailbox's store by UPN: seed with {@code mailbox(upn).add("inbox").mime(bytes)}, inspect with messages(). */
    public MailboxStore mailbox(String upn) {
        return store.mailbox(upn);
    }

    /** What the mailbox submitted through Graph sendMail. */
    public List<SentMail> sent(String upn) {
        return store.sent(upn);
    }

    /** Every mailbox's calendars and events, served by the same Graph API (faults and throttling included). */
    public GraphCalendar calendar() {
        return calendar;
    }

    /** Graph subscriptions and the change notifications they cause. */
    public GraphSubscriptions subscriptions() {
        return subscriptions;
    }

    /** Recipients per message, per mailbox per day and the tenant's external recipient rate. */
    public SendingLimits limits() {
        return limits;
    }

    /** What clients wrote into drafts (resource and attachments) and the open upload sessions. */
    public DraftStore drafts() {
        return drafts;
    }

    public GraphFaults faults() {
        return faults;
    }

    public Throttle throttle() {
        return throttle;
    }

    /** Forgets the mailbox's delta sync states: clients then get 410 SyncStateNotFound. */
    public void expireSyncState(String upn) {
        deltaTokens.expire(upn);
    }

    /** The Graph API, to be mounted at {@code /v1.0}. */
    public HttpHandler graphHandler() {
        return graphHandler;
    }

    /** The upload URLs of attachment upload sessions, to be mounted at {@code /api/v2.0}. */
    public HttpHandler uploadHandler() {
        return uploadHandler;
    }

    /** The seeding and fault admin API, to be mounted at {@code /_sim/mail}. */
    public HttpHandler adminHandler() {
        return adminHandler;
    }

    /**
     * Empties every mailbox (mail, drafts and calendar), forgets sync states, clears faults and throttling counters;
     * limits (throttling and recipient limits) stay as set. Subscriptions stay (a subscriber would not know they went):
     * {@code subscriptions().reset()}.
     */
    public void reset() {
        store.clear();
        drafts.clear();
        calendar.reset();
        deltaTokens.clear();
        faults.clear();
        throttle.reset();
    }
}
