package io.exchangebridge.smtp.listener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

import io.exchangebridge.foundation.security.AuthFailureLimiter;
import io.quarkus.logging.Log;

/**
 * The foundation's {@link AuthFailureLimiter} at the listener (protocol {@code smtp}, key: the client's IP address).
 * Every failed AUTH (PLAIN or LOGIN, the mechanisms offered) is a failure, a successful one a success. A slowed address
 * gets its {@code 535} only after the verdict's delay; the wait is spent on the session's own thread (subethasmtp runs
 * one thread per connection), so no other session waits. A refused address gets {@code 421 4.7.0} with the wait in
 * seconds, as the greeting of a new connection or as the answer to {@code AUTH}, and the connection is closed.
 */
final class ListenerLockout {

    static final String SMTP = "smtp";

    private final AuthFailureLimiter limiter;
    private final RelayUsers users;

    ListenerLockout(AuthFailureLimiter limiter, RelayUsers users) {
        this.limiter = limiter;
        this.users = users;
    }

    /** Refuses the greeting of a connection from a refused address. */
    SessionHandler sessions() {
        return new SessionHandler() {
            @Override
            public SessionAcceptance accept(Session session) {
                return refusal(session.getRemoteAddress()).map(wait -> SessionAcceptance.failure(421,
                        SmtpReplies.lockedOutText(wait))).orElse(SessionAcceptance.success());
            }

            @Override
            public void onSessionEnd(Session session) {
                // nothing held per session
            }
        };
    }

    /**
     * {@code auth} (the server's own AUTH, which also insists on TLS) behind the refusal check: 421 and a closed
     * connection while the address is refused.
     */
    BaseCommand authCommand(Command auth) {
        return new Auth(this, auth);
    }

    /** Checks a relay user's password and feeds the limiter; a slowed address's failure is answered late. */
    UsernamePasswordValidator validator() {
        return this::login;
    }

    private void login(String user, String password, MessageContext context) throws LoginFailedException {
        String address = address(context.getRemoteAddress());
        AuthFailureLimiter.Verdict verdict = limiter.check(address, SMTP);
        if (verdict instanceof AuthFailureLimiter.Refused) {
            // refused since this AUTH began (other connections failed meanwhile): no password check
            throw new LoginFailedException();
        }
        if (users.check(user, password)) {
            limiter.succeeded(address, SMTP);
            return;
        }
        limiter.failed(address, SMTP);
        Log.infof("Listener: failed AUTH for user '%s' from %s", user, address);
        if (verdict instanceof AuthFailureLimiter.Slowed slowed) {
            pause(slowed.delay());
        }
        throw new LoginFailedException();
    }

    private Optional<Duration> refusal(SocketAddress remote) {
        return limiter.check(address(remote), SMTP) instanceof AuthFailureLimiter.Refused r
                ? Optional.of(r.retryAfter())
                : Optional.empty();
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : String.valueOf(remote);
    }

    /** subethasmtp's AUTH behind the refusal check. */
    private static final class Auth extends BaseCommand {

        private final ListenerLockout lockout;
        private final Command auth;

        Auth(ListenerLockout lockout, Command auth) {
            super(AuthCommand.VERB, "Authentication service", "AUTH <mechanism> [initial-response]");
            this.lockout = lockout;
            this.auth = auth;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException, DropConnectionException {
            Optional<Duration> refused = lockout.refusal(session.getRemoteAddress());
            if (refused.isPresent()) {
                throw new DropConnectionException(421, SmtpReplies.lockedOutText(refused.get()));
            }
            auth.execute(commandString, session);
        }
    }
}
