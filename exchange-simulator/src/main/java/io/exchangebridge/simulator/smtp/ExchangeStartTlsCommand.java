package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** STARTTLS with Exchange's reply; afterwards the client must say EHLO again, as RFC 3207 requires. */
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
            Socket plain = session.getSocket() instanceof FilteredSocket filtered
                    ? filtered.unwrap()
                    : session.getSocket();
            SSLSocket tls = session.getServer().createSSLSocket(plain);
            tls.startHandshake();
            session.setSocket(new FilteredSocket(tls));
            session.resetSmtpProtocol();
            session.setTlsStarted(true);
        } catch (IOException e) {
            // a failed handshake leaves the stream unusable; Exchange just drops the connection too
            session.quit();
        }
    }
}
