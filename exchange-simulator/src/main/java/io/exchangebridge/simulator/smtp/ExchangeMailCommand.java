package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * MAIL FROM: needs an authenticated session; a declared SIZE over the limit is refused here. Send As is not checked
 * yet: Exchange accepts any sender at this point and refuses it only at the end of DATA. The fault
 * {@link SmtpFaults#timeOutAtNextMailFrom(int)} answers the idle timeout's 421 here and closes.
 */
final class ExchangeMailCommand extends BaseCommand {

    private static final Pattern MAIL_FROM = Pattern.compile("(?i)^MAIL FROM:\\s*<([^>]*)>(.*)$");
    private static final Pattern SIZE = Pattern.compile("(?i)(?:^|\\s)SIZE=(\\d+)");

    private final SmtpContext context;

    ExchangeMailCommand(SmtpContext context) {
        super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
        this.context = context;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String id = SmtpContext.connectionId(session);
        ExchangeReplies replies = context.replies();
        Matcher matcher = MAIL_FROM.matcher(commandString.trim());
        if (session.getHelo().isEmpty()) {
            context.reply(session, "smtp.mail", "", replies.sendHelloFirst(id));
        } else if (!session.isAuthenticated()) {
            context.reply(session, "smtp.mail", "", replies.notAuthenticated(id));
        } else if (session.isMailTransactionInProgress()) {
            context.reply(session, "smtp.mail", "", replies.badSequence(id));
        } else if (!matcher.matches()) {
            context.reply(session, "smtp.mail", "", replies.syntaxError(id));
        } else {
            String from = matcher.group(1).trim();
            if (context.faults().takeMailFromTimeout()) {
                context.reply(session, "smtp.mail", from,
                        ExchangeReplies.connectionTimedOut(((FilteredSocket) session.getSocket()).age()));
                SmtpContext.endSession(session);
                return;
            }
            Matcher size = SIZE.matcher(matcher.group(2));
            if (size.find() && Long.parseLong(size.group(1)) > context.settings().maxMessageSize()) {
                context.reply(session, "smtp.mail", from, replies.messageTooBig());
                return;
            }
            session.startMailTransaction();
            try {
                session.getMessageHandler().from(from);
            } catch (RejectException e) {
                session.resetMailTransaction();
                context.reply(session, "smtp.mail", from, e.getErrorResponse());
                return;
            }
            context.reply(session, "smtp.mail", from, ExchangeReplies.SENDER_OK);
        }
    }
}
