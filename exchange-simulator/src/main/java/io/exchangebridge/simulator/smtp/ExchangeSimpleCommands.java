package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.util.List;

import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.server.Session;

/** HELO, RSET, NOOP and QUIT with Exchange's wording. */
final class ExchangeSimpleCommands {

    private ExchangeSimpleCommands() {
    }

    static List<Command> all(SmtpContext context) {
        return List.of(new Helo(context), new Reply("RSET", ExchangeReplies.RESETTING, true, false),
                new Reply("NOOP", ExchangeReplies.OK, false, false),
                new Reply("QUIT", ExchangeReplies.CLOSING, false, true));
    }

    private static final class Helo extends BaseCommand {
        private final SmtpContext context;

        Helo(SmtpContext context) {
            super("HELO", "Introduce yourself.", "<hostname>");
            this.context = context;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (ExchangeEhloCommand.introduce(context, commandString, session)) {
                session.sendResponse(
                        "250 " + context.replies().host() + " Hello " + ExchangeEhloCommand.clientAddress(session));
            }
        }
    }

    private static final class Reply extends BaseCommand {
        private final String response;
        private final boolean reset;
        private final boolean quit;

        Reply(String verb, String response, boolean reset, boolean quit) {
            super(verb, verb);
            this.response = response;
            this.reset = reset;
            this.quit = quit;
        }

        @Override
        public void execute(String commandString, Session session) throws IOException {
            if (reset) {
                session.resetMailTransaction();
            }
            session.sendResponse(response);
            if (quit) {
                SmtpContext.endSession(session);
            }
        }
    }
}
