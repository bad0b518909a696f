package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * RCPT TO: every recipient is accepted and kept in the envelope, Bcc-only ones included, up to the recipients one
 * message may have; beyond it Exchange answers 452 4.5.3 and the client sends the rest in another message.
 */
final class ExchangeRcptCommand extends BaseCommand {

    private static final Pattern RCPT_TO = Pattern.compile("(?i)^RCPT TO:\\s*<([^>]+)>(.*)$");

    private final SmtpContext context;

    ExchangeRcptCommand(SmtpContext context) {
        super("RCPT", "Specifies the recipient. Can be used any number of times.", "TO: <recipient> [ <parameters> ]");
        this.context = context;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String id = SmtpContext.connectionId(session);
        Matcher matcher = RCPT_TO.matcher(commandString.trim());
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse(context.replies().badSequence(id));
        } else if (!matcher.matches()) {
            session.sendResponse(context.replies().syntaxError(id));
        } else {
            String recipient = matcher.group(1).trim();
            if (context.limits().tooManyForOneMessage(session.getRecipientCount() + 1)) {
                context.reply(session, "smtp.rcpt", "tooManyRecipients", ExchangeReplies.TOO_MANY_RECIPIENTS);
                return;
            }
            try {
                session.getMessageHandler().recipient(recipient);
            } catch (RejectException e) {
                session.sendResponse(e.getErrorResponse());
                return;
            }
            session.addRecipient(recipient);
            session.sendResponse(ExchangeReplies.RECIPIENT_OK);
        }
    }
}
