package io.exchangebridge.simulator.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.graph.GraphFaults.Drop;
import io.exchangebridge.simulator.graph.GraphFaults.Fault;
import io.exchangebridge.simulator.graph.GraphFaults.ServerError;
import io.exchangebridge.simulator.graph.draft.Draft;
import io.exchangebridge.simulator.graph.draft.DraftAttachment;
import io.exchangebridge.simulator.graph.draft.UploadRefusal;
import io.exchangebridge.simulator.graph.draft.UploadSession;
import io.exchangebridge.simulator.graph.store.GraphIds;
import io.exchangebridge.simulator.graph.store.MailStore;
import io.exchangebridge.simulator.graph.store.StoredMessage;
import io.exchangebridge.simulator.log.RequestLog;
import io.exchangebridge.simulator.log.RequestRecord;

/**
 * The upload URL of an attachment upload session, mounted at {@code /api/v2.0} as Outlook's is on
 * {@code outlook.office.com}: chunked {@code PUT} with {@code Content-Range} (200 with {@code nextExpectedRanges}, 201
 * with a {@code Location} on the last chunk) and {@code DELETE} to cancel. The URL carries its own token, so no
 * Authorization header is needed (one that is sent is ignored). Chunks count against the app's upload throttling.
 */
final class UploadOperation {

    static final String PREFIX = "/api/v2.0";

    private static final Logger LOG = LoggerFactory.getLogger(UploadOperation.class);

    private static final Pattern SESSION = Pattern.compile("AttachmentSessions\\('([^']+)'\\)");

    private final Directory directory;
    private final MailStore store;
    private final DraftOperations drafts;
    private final GraphFaults faults;
    private final Throttle throttle;
    private final RequestLog log;
    private final Clock clock;

    UploadOperation(Directory directory, MailStore store, DraftOperations drafts, GraphFaults faults,
            Throttle throttle, RequestLog log, Clock clock) {
        this.log = log;
        this.directory = directory;
        this.store = store;
        this.drafts = drafts;
        this.faults = faults;
        this.throttle = throttle;
        this.clock = clock;
    }

    static String uploadUrl(MailContext ctx, String messageId, UploadSession session) {
        String base = ctx.request().baseUrl();
        base = base.endsWith(GraphHandler.PREFIX)
                ? base.substring(0, base.length() - GraphHandler.PREFIX.length())
                : base;
        return base + PREFIX + "/Users('" + ctx.mailbox().id() + "')/Messages('" + messageId
                + "')/AttachmentSessions('" + session.id() + "')?authtoken="
                + URLEncoder.encode(session.token(), StandardCharsets.UTF_8);
    }

    /**
     * Answers and logs (endpoint {@code attachment.upload}) one request: the URL's token instead of a bearer token, the
     * upload chunk faults instead of the mailbox's, the app's upload throttling.
     */
    GraphResponse handle(GraphRequest request) {
        Instant at = clock.instant();
        GraphResponse response;
        String detail = "";
        String appId = null;
        String mailbox = null;
        try {
            UploadSession session = session(request);
            appId = session.appId();
            mailbox = session.mailbox();
            response = run(request, session);
        } catch (GraphException e) {
            detail = e.code();
            response = GraphApi.error(e, request, at);
        } catch (RuntimeException e) {
            LOG.warn("Graph upload {} failed", request.method(), e);
            detail = "simulatorError";
            response = GraphApi.error(GraphErrors.serverError(500, Map.of()), request, at);
        }
        if (response.dropConnection()) {
            detail = "dropped";
        }
        response = GraphApi.finish(request, response);
        log.record(new RequestRecord(at, "graph", "attachment.upload", detail, appId, mailbox, response.status(),
                false));
        return response;
    }

    /** The session a request names, once its token matched. */
    private UploadSession session(GraphRequest request) {
        String last = request.segments().isEmpty() ? "" : request.segments().get(request.segments().size() - 1);
        Matcher m = SESSION.matcher(last);
        if (!m.matches()) {
            throw GraphErrors.unknownSegment(last);
        }
        UploadSession session = drafts.store().session(m.group(1), clock.instant())
                .orElseThrow(GraphErrors::itemNotFound);
        if (!session.token().equals(request.param("authtoken").orElse(""))) {
            throw GraphErrors.invalidToken("The upload URL's token is not valid.");
        }
        return session;
    }

    private GraphResponse run(GraphRequest request, UploadSession session) {
        if (request.method().equals("DELETE")) {
            drafts.store().closeSession(session.id());
            return GraphResponse.empty(204);
        }
        if (request.method().equals("GET")) {
            // the session's state, as OneDrive answers it; Graph SDKs ask for it before resuming an upload
            return status(session);
        }
        if (!request.method().equals("PUT")) {
            throw GraphErrors.unsupportedMethod();
        }
        Optional<Fault> fault = faults.nextUploadFault(session.mailbox());
        if (fault.isPresent()) {
            return switch (fault.get()) {
                case ServerError e -> throw GraphErrors.serverError(e.status(), Map.of());
                case Drop d -> GraphResponse.dropped();
                default -> throw new IllegalStateException("not an upload fault: " + fault.get());
            };
        }
        try (Throttle.Admission admission = throttle.admit(session.appId(), session.mailbox(),
                request.body().length)) {
            if (admission.rejection.isPresent()) {
                throw admission.rejection.get();
            }
            return chunk(request, session);
        }
    }

    private static GraphResponse status(UploadSession session) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("expirationDateTime", MessageJson.date(session.expiresAt()));
        json.putArray("nextExpectedRanges").add(Long.toString(session.nextExpected()));
        return GraphResponse.json(200, json);
    }

    private GraphResponse chunk(GraphRequest request, UploadSession session) {
        Instant now = clock.instant();
        Optional<DraftAttachment> done;
        try {
            done = session.accept(request.header("Content-Range").orElse(null), request.body(),
                    GraphIds.attachmentId(), now);
        } catch (UploadRefusal e) {
            throw new GraphException(e.status(), e.code(), e.getMessage());
        }
        if (done.isEmpty()) {
            return status(session);
        }
        Mailbox mailbox = directory.mailbox(session.mailbox()).orElseThrow(GraphErrors::itemNotFound);
        MailContext ctx = new MailContext(request, null, mailbox, store.mailbox(mailbox.upn()));
        StoredMessage message = ctx.store().message(session.messageId()).orElseThrow(GraphErrors::itemNotFound);
        Draft draft = drafts.store().draft(mailbox.upn(), message.immutableId()).orElseThrow(
                GraphErrors::itemNotFound);
        AttachmentOperations.checkMessageSize(draft, done.get().size());
        draft.add(done.get());
        drafts.rebuild(ctx, message.immutableId(), draft, message.extendedProperties());
        drafts.store().closeSession(session.id());
        String base = request.baseUrl();
        return GraphResponse.empty(201).withHeader("Location", base + "/Users('" + mailbox.id() + "')/Messages('"
                + message.restId() + "')/Attachments('" + done.get().id() + "')");
    }
}
