package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Exchange's idle timeout: a connection that has waited {@link SmtpFaults#idleTimeout()} for the client's next bytes
 * gets {@code 421 4.4.1 Connection timed out. Total session duration: ...} and its TCP connection is closed, as
 * Exchange Online does with pooled connections a client forgot (after about 5 minutes).
 *
 * <p> subethasmtp's own read timeout would answer {@code 421 Timeout waiting for data from client.} and is fixed when
 * the server is built; this check runs every {@value #TICK_MILLIS} ms instead, so the timeout can change while
 * connections are open. Only a session blocked in a read counts as idle: one that is working on a command does not.
 */
final class IdleSessions implements SessionHandler {

    static final long TICK_MILLIS = 100;

    private final SmtpContext context;
    private final Set<Session> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "exchange-smtp-idle-timeout");
        t.setDaemon(true);
        return t;
    });

    IdleSessions(SmtpContext context) {
        this.context = context;
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::closeIdle, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ticker.shutdownNow();
    }

    @Override
    public SessionAcceptance accept(Session session) {
        open.add(session);
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        open.remove(session);
    }

    private void closeIdle() {
        Duration timeout = context.faults().idleTimeout();
        if (timeout.isZero()) {
            return;
        }
        long now = System.nanoTime();
        for (Session session : open) {
            if (session.getSocket() instanceof FilteredSocket socket) {
                OptionalLong since = socket.waitingSince();
                if (since.isPresent() && now - since.getAsLong() >= timeout.toNanos()) {
                    timeOut(session, socket);
                }
            }
        }
    }

    private void timeOut(Session session, FilteredSocket socket) {
        open.remove(session);
        String reply = ExchangeReplies.connectionTimedOut(socket.age());
        try {
            // the session's thread is blocked reading, so this is the only writer; TLS allows it from this thread
            session.sendResponse(reply);
        } catch (IOException e) {
            // the client went away meanwhile: the connection is closed below all the same
        }
        context.logOnly(session, "smtp.timeout", "idle " + context.faults().idleTimeout(), 421);
        session.quit();
        try {
            // closing the TCP connection ends the session's blocked read; its thread then cleans up
            socket.closeConnection();
        } catch (IOException e) {
            // already closed
        }
    }
}
