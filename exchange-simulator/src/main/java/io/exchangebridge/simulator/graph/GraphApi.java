package io.exchangebridge.simulator.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.entra.AccessToken;
import io.exchangebridge.simulator.entra.InvalidTokenException;
import io.exchangebridge.simulator.entra.TokenVerifier;
import io.exchangebridge.simulator.graph.GraphFaults.Drop;
import io.exchangebridge.simulator.graph.GraphFaults.Fault;
import io.exchangebridge.simulator.graph.GraphFaults.ServerError;
import io.exchangebridge.simulator.graph.GraphFaults.Slow;
import io.exchangebridge.simulator.graph.GraphFaults.Throttled;
import io.exchangebridge.simulator.graph.GraphRoute.Permission;
import io.exchangebridge.simulator.graph.calendar.CalendarOperations;
import io.exchangebridge.simulator.graph.draft.DraftStore;
import io.exchangebridge.simulator.graph.store.MailStore;
import io.exchangebridge.simulator.graph.subscription.SubscriptionOperations;
import io.exchangebridge.simulator.limits.SendingLimits;
import io.exchangebridge.simulator.log.RequestLog;
import io.exchangebridge.simulator.log.RequestRecord;

/**
 * Answers one Graph call: route, bearer token, mailbox, permission, injected faults, throttling, then the operation.
 * Every call is logged once, whatever its outcome.
 */
final class GraphApi {

    private static final Logger LOG = LoggerFactory.getLogger(GraphApi.class);

    static final Set<String> GRAPH_AUDIENCES = Set.of("https://graph.microsoft.com", "https://graph.microsoft.com/",
            "00000003-0000-0000-c000-000000000000");

    private final Directory directory;
    private final TokenVerifier verifier;
    private final RequestLog log;
    private final MailStore store;
    private final GraphFaults faults;
    private final Throttle throttle;
    private final Clock clock;
    private final DeltaOperation delta;
    private final SendMailOperation sendMail;
    private final DraftOperations drafts;
    private final AttachmentOperations attachments;
    private final UploadOperation upload;
    private final BatchOperation batch;
    private final CalendarOperations calendar;
    private final SubscriptionRoutes subscriptions;

    GraphApi(Directory directory, TokenVerifier verifier, RequestLog log, MailStore store, GraphFaults faults,
            Throttle throttle, DeltaTokens deltaTokens, CalendarOperations calendar,
            SubscriptionOperations subscriptions, SendingLimits limits, DraftStore draftStore, Clock clock) {
        this.directory = directory;
        this.verifier = verifier;
        this.log = log;
        this.store = store;
        this.faults = faults;
        this.throttle = throttle;
        this.clock = clock;
        this.delta = new DeltaOperation(deltaTokens);
        this.sendMail = new SendMailOperation(directory, store, faults, limits, clock);
        this.drafts = new DraftOperations(draftStore, sendMail, clock);
        this.attachments = new AttachmentOperations(drafts, clock);
        this.upload = new UploadOperation(directory, store, drafts, faults, throttle, log, clock);
        this.batch = new BatchOperation(this);
        this.calendar = calendar;
        this.subscriptions = new SubscriptionRoutes(this, directory, subscriptions);
    }

    GraphResponse handle(GraphRequest request) {
        Instant at = clock.instant();
        if (request.segments().equals(List.of("$batch"))) {
            GraphResponse response = finish(request, batchOrError(request));
            log.record(new RequestRecord(at, "graph", "batch", "", null, null, response.status(), false));
            return response;
        }
        if (SubscriptionRoutes.matches(request)) {
            return subscriptionCall(request, at);
        }
        String endpoint = "unknown";
        AccessToken token = null;
        Mailbox mailbox = null;
        boolean early = false;
        GraphResponse response;
        String detail = "";
        try {
            GraphRoute route = GraphRoute.match(request, delta, sendMail, calendar, drafts, attachments);
            endpoint = route.endpoint();
            token = authenticate(request);
            mailbox = mailbox(route, token);
            authorize(route.permission(), token, mailbox);
            if (!faults.restEnabled(mailbox.upn())) {
                throw GraphErrors.restDisabled();
            }
            if (!route.permission().readOnly() && faults.quotaExceeded(mailbox.upn())) {
                throw GraphErrors.quotaExceeded();
            }
            Optional<Fault> fault = faults.next(mailbox.upn());
            Duration delay = fault.filter(Slow.class::isInstance).map(f -> ((Slow) f).delay()).orElse(Duration.ZERO);
            if (fault.isPresent() && !(fault.get() instanceof Slow)) {
                early = throttle.early(token.appId(), mailbox.upn());
                response = forced(fault.get(), token, mailbox, at);
            } else {
                try (Throttle.Admission admission = throttle.admit(token.appId(), mailbox.upn(),
                        request.body().length)) {
                    early = admission.earlyRetry;
                    if (admission.rejection.isPresent()) {
                        throw admission.rejection.get();
                    }
                    pause(delay);
                    response = route.operation().apply(new MailContext(request, token, mailbox,
                            store.mailbox(mailbox.upn())));
                }
            }
        } catch (GraphException e) {
            detail = e.code();
            response = error(e, request, at);
        } catch (RuntimeException e) {
            // a simulator bug still answers in Graph's shape, so clients treat it as the transient 500 it would be
            LOG.warn("Graph {} {} failed", request.method(), endpoint, e);
            detail = "simulatorError";
            response = error(GraphErrors.serverError(500, Map.of()), request, at);
        }
        if (response.dropConnection()) {
            detail = "dropped";
        }
        response = finish(request, response);
        log.record(new RequestRecord(at, "graph", endpoint, detail, token == null ? null : token.appId(),
                mailbox == null ? null : mailbox.upn(), response.status(), early));
        return response;
    }

    /** A request to an upload session's URL (see {@link UploadOperation}). */
    GraphResponse handleUpload(GraphRequest request) {
        return upload.handle(request);
    }

    /** {@code /subscriptions}: token and the resource's mailbox are checked there; no faults or throttling. */
    private GraphResponse subscriptionCall(GraphRequest request, Instant at) {
        SubscriptionRoutes.Call call = new SubscriptionRoutes.Call();
        GraphResponse response;
        String detail = "";
        try {
            response = subscriptions.run(request, call);
        } catch (GraphException e) {
            detail = e.code();
            response = error(e, request, at);
        } catch (RuntimeException e) {
            LOG.warn("Graph {} {} failed", request.method(), call.endpoint, e);
            detail = "simulatorError";
            response = error(GraphErrors.serverError(500, Map.of()), request, at);
        }
        response = finish(request, response);
        log.record(new RequestRecord(at, "graph", call.endpoint, detail, call.token == null
                ? null
                : call.token.appId(), call.mailbox == null ? null : call.mailbox.upn(), response.status(), false));
        return response;
    }

    private GraphResponse batchOrError(GraphRequest request) {
        try {
            return batch.run(request);
        } catch (GraphException e) {
            return error(e, request, clock.instant());
        }
    }

    /** The answer to a queued fault other than a slow response. */
    private GraphResponse forced(Fault fault, AccessToken token, Mailbox mailbox, Instant now) {
        return switch (fault) {
            case Throttled t -> {
                Map<String, String> headers = new LinkedHashMap<>();
                t.retryAfter().header(now).ifPresent(h -> headers.put("Retry-After", h));
                if (t.retryAfter().form() != RetryAfter.Form.MISSING) {
                    throttle.retryNotBefore(token.appId(), mailbox.upn(), now.plus(t.retryAfter().delay()));
                }
                throw GraphErrors.throttled("MailboxConcurrency", headers);
            }
            case ServerError e -> throw GraphErrors.serverError(e.status(), Map.of());
            case Drop d -> GraphResponse.dropped();
            case Slow s -> throw new IllegalStateException("slow responses are not forced answers");
        };
    }

    AccessToken authenticate(GraphRequest request) {
        String authorization = request.header("Authorization").orElse("").trim();
        if (authorization.length() <= 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GraphErrors.emptyToken();
        }
        AccessToken token;
        try {
            token = verifier.verify(authorization.substring(7).trim());
        } catch (InvalidTokenException e) {
            throw GraphErrors.invalidToken(e.getMessage());
        }
        if (!GRAPH_AUDIENCES.contains(token.audience())) {
            throw GraphErrors.invalidAudience();
        }
        return token;
    }

    private Mailbox mailbox(GraphRoute route, AccessToken token) {
        return mailbox(route.user(), token);
    }

    /** The mailbox of {@code users/{user}} (empty: {@code /me}) in the token's tenant. */
    Mailbox mailbox(Optional<String> user, AccessToken token) {
        if (user.isEmpty()) {
            if (!token.delegated()) {
                throw GraphErrors.meNeedsDelegatedToken();
            }
            String upn = token.upn().get();
            return directory.mailbox(upn).orElseThrow(() -> GraphErrors.invalidUser(upn));
        }
        String upn = user.get();
        // Graph looks users up in the token's tenant: another tenant's mailbox is as unknown as a missing one
        return directory.mailbox(upn).filter(m -> m.tenantId().equals(token.tenantId()))
                .orElseThrow(() -> GraphErrors.invalidUser(upn));
    }

    private void authorize(Permission permission, AccessToken token, Mailbox mailbox) {
        boolean granted = switch (permission) {
            case READ -> hasAny(token, "Mail.Read", "Mail.ReadWrite", "Mail.Read.Shared", "Mail.ReadWrite.Shared")
                    && directory.mayAccessMail(asReadWrite(token, "Mail"), mailbox);
            case WRITE -> hasAny(token, "Mail.ReadWrite", "Mail.ReadWrite.Shared")
                    && directory.mayAccessMail(token, mailbox);
            // who may send as whom is decided per message, once its From is known
            case SEND -> hasAny(token, "Mail.Send", "Mail.Send.Shared") && directory.maySubmitMail(token, mailbox);
            case CALENDAR_READ -> hasAny(token, "Calendars.Read", "Calendars.ReadWrite", "Calendars.Read.Shared",
                    "Calendars.ReadWrite.Shared")
                    && directory.mayAccessCalendar(asReadWrite(token, "Calendars"),
                            mailbox);
            case CALENDAR_WRITE -> hasAny(token, "Calendars.ReadWrite", "Calendars.ReadWrite.Shared")
                    && directory.mayAccessCalendar(token, mailbox);
        };
        if (!granted) {
            throw GraphErrors.accessDenied();
        }
    }

    private static boolean hasAny(AccessToken token, String... permissions) {
        for (String permission : permissions) {
            if (token.hasPermission(permission)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link Directory#mayAccessMail} answers for Mail.ReadWrite (and {@link Directory#mayAccessCalendar} for
     * Calendars.ReadWrite); a read needs only Mail.Read (Mail.Read.Shared on another user's mailbox), so the directory
     * is asked about the same token as if each read permission were its read-write one: tenant, delegate,
     * {@code .Shared} and policy rules still apply.
     *
     * @param family
     *            {@code Mail} or {@code Calendars}
     */
    static AccessToken asReadWrite(AccessToken token, String family) {
        Set<String> scopes = new HashSet<>(token.scopes());
        Set<String> roles = new HashSet<>(token.roles());
        Set<String> granted = token.delegated() ? scopes : roles;
        if (granted.contains(family + ".Read")) {
            granted.add(family + ".ReadWrite");
        }
        if (granted.contains(family + ".Read.Shared")) {
            granted.add(family + ".ReadWrite.Shared");
        }
        return new AccessToken(token.raw(), token.tenantId(), token.appId(), token.audience(), token.upn(),
                token.objectId(), Set.copyOf(scopes), Set.copyOf(roles), token.expiresAt());
    }

    static GraphResponse error(GraphException e, GraphRequest request, Instant now) {
        GraphResponse response = GraphResponse.json(e.status(),
                GraphErrors.body(e, request.requestId(), request.clientRequestId(), now));
        for (Map.Entry<String, String> header : e.headers().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    static GraphResponse finish(GraphRequest request, GraphResponse response) {
        return response.withHeader("request-id", request.requestId())
                .withHeader("client-request-id", request.clientRequestId()).withHeader("Cache-Control", "private");
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
