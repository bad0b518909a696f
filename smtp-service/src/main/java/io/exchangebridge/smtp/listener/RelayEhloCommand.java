package io.exchangebridge.smtp.listener;

import java.io.IOException;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * EHLO with the extensions the relay has: subethasmtp's own reply does not announce PIPELINING (which it handles, as it
 * reads commands one by one) nor ENHANCEDSTATUSCODES. AUTH is announced only after STARTTLS.
 */
final class RelayEhloCommand extends BaseCommand {

    private final int maxMessageSize;

    RelayEhloCommand(int maxMessageSize) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse("501 5.5.4 Syntax: EHLO hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        String tlsOrAuth = session.isTLSStarted() ? "250-AUTH PLAIN LOGIN" : "250-STARTTLS";
        session.sendResponse(String.join("\r\n", "250-" + session.getServer().getHostName(),
                "250-SIZE " + maxMessageSize, "250-PIPELINING", "250-ENHANCEDSTATUSCODES", tlsOrAuth,
                "250 8BITMIME"));
    }
}
