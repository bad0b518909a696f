package io.exchangebridge.simulator.smtp;

import java.io.IOException;
import java.io.InputStream;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/** DATA: reads the message up to the final dot, then lets the {@link Submission} accept or refuse it. */
final class ExchangeDataCommand extends BaseCommand {

    private final SmtpContext context;

    ExchangeDataCommand(SmtpContext context) {
        super("DATA", "Following text is collected as the message.");
        this.context = context;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        if (!session.isMailTransactionInProgress() || session.getRecipientCount() == 0) {
            context.reply(session, "smtp.data", "", context.replies().badSequence(SmtpContext.connectionId(session)));
            return;
        }
        session.sendResponse(ExchangeReplies.START_MAIL_INPUT);
        InputStream message = new DotUnstuffingInputStream(new DotTerminatedInputStream(session.getRawInput()));
        try {
            String accepted = session.getMessageHandler().data(message);
            context.reply(session, "smtp.data", "", "250 " + accepted);
        } catch (DropConnectionException e) {
            context.reply(session, "smtp.data", "", e.getErrorResponse());
            SmtpContext.endSession(session);
        } catch (RejectException e) {
            context.reply(session, "smtp.data", "", e.getErrorResponse());
        } catch (Submission.ConnectionDropped e) {
            context.logOnly(session, "smtp.data", "dropped", 0);
            SmtpContext.endSession(session);
        } finally {
            session.resetMailTransaction();
        }
    }
}
