package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.subethamail.smtp.server.Session;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.limits.SendingLimits;
import io.exchangebridge.simulator.log.RequestLog;
import io.exchangebridge.simulator.log.RequestRecord;

/** What the Exchange commands share: settings, replies, switches, stores and the request log. */
record SmtpContext(SmtpSettings settings, ExchangeReplies replies, SmtpFaults faults, SmtpTokenCheck tokenCheck,
        Directory directory, SendingLimit sendingLimit, SenderConnections connections, SmtpOutbox outbox,
        RequestLog log, SendingLimits limits) {

    /** A stable per-connection id in Exchange's 16-hex-digit style. */
    static String connectionId(Session session) {
        return String.format("08DD%012X", Integer.toUnsignedLong(session.getSessionId().hashCode()));
    }

    static Optional<AuthenticatedSender> sender(Session session) {
        return session.getAuthenticationHandler().filter(AuthenticatedSender.class::isInstance)
                .map(AuthenticatedSender.class::cast);
    }

    /** Ends the session: the connection stops counting for its mailbox at once, then it is closed. */
    static void endSession(Session session) {
        if (session.getSocket() instanceof FilteredSocket filtered) {
            filtered.connectionEnded();
        }
        session.quit();
    }

    /** Answers and records the command in the request log (protocol {@code smtp}). */
    void reply(Session session, String endpoint, String detail, String response) throws IOException {
        session.sendResponse(response);
        logOnly(session, endpoint, detail, Integer.parseInt(response.substring(0, 3)));
    }

    void logOnly(Session session, String endpoint, String detail, int code) {
        Optional<AuthenticatedSender> sender = sender(session);
        log(endpoint, detail, sender.map(s -> s.token().appId()).orElse(""),
                sender.map(AuthenticatedSender::upn).orElse(""), code);
    }

    void log(String endpoint, String detail, String appId, String mailbox, int code) {
        log.record(new RequestRecord(Instant.now(settings.clock()), "smtp", endpoint, detail, appId, mailbox, code,
                false));
    }
}
