package io.exchangebridge.simulator.smtp;

import java.io.IOException;

import javax.net.ssl.SSLSocket;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * STARTTLS with Exchange's reply; afterwards the client must say EHLO again, as RFC 3207 requires. Every session's
 * socket is a {@link FilteredSocket} (the server socket makes them), and so is the TLS one layered over it.
 */
final class ExchangeStartTlsCommand extends BaseCommand {

    private final SmtpContext context;

    ExchangeStartTlsCommand(SmtpContext context) {
        super("STARTTLS", "Start TLS.");
        this.context = context;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String id = SmtpContext.connectionId(session);
        if (!commandString.trim().equalsIgnoreCase("STARTTLS")) {
            session.sendResponse(context.replies().syntaxError(id));
            return;
        }
        if (session.getHelo().isEmpty()) {
            session.sendResponse(context.replies().sendHelloFirst(id));
            return;
        }
        if (session.isTLSStarted()) {
            session.sendResponse(context.replies().badSequence(id));
            return;
        }
        session.sendResponse(ExchangeReplies.TLS_READY);
        try {
            FilteredSocket filtered = (FilteredSocket) session.getSocket();
            SSLSocket tls = session.getServer().createSSLSocket(filtered.unwrap());
            tls.startHandshake();
            session.setSocket(new FilteredSocket(tls, filtered));
            session.resetSmtpProtocol();
            session.setTlsStarted(true);
        } catch (IOException e) {
            // a failed handshake leaves the stream unusable; Exchange just drops the connection too
            session.quit();
        }
    }
}
