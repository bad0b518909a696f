package io.exchangebridge.simulator.smtp;

import java.io.IOException;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** EHLO as smtp.office365.com answers it: AUTH is offered only once TLS is up, STARTTLS only before. */
final class ExchangeEhloCommand extends BaseCommand {

    private final SmtpContext context;

    ExchangeEhloCommand(SmtpContext context) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.context = context;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        if (!introduce(context, commandString, session)) {
            return;
        }
        String tlsOrAuth = session.isTLSStarted() ? "250-AUTH LOGIN XOAUTH2" : "250-STARTTLS";
        session.sendResponse(String.join("\r\n", "250-" + context.replies().host() + " Hello " + clientAddress(session),
                "250-SIZE " + context.settings().maxMessageSize(), "250-PIPELINING", "250-DSN",
                "250-ENHANCEDSTATUSCODES", tlsOrAuth, "250-8BITMIME", "250-BINARYMIME", "250-CHUNKING",
                "250 SMTPUTF8"));
    }

    /** EHLO and HELO: remembers the client's name and ends any transaction; false after a syntax error reply. */
    static boolean introduce(SmtpContext context, String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse(context.replies().syntaxError(SmtpContext.connectionId(session)));
            return false;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        return true;
    }

    static String clientAddress(Session session) {
        return "[" + session.getRemoteAddress().getAddress().getHostAddress() + "]";
    }
}
