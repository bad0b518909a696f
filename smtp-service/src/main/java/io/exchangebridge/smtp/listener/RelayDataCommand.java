package io.exchangebridge.smtp.listener;

import java.io.IOException;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.DataCommand;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * subethasmtp's DATA, but the mail transaction ends once the data was read, whatever the reply: subethasmtp keeps the
 * sender after a refused message (552, 554, 550), so the client's next MAIL FROM would get "503 Sender already
 * specified" although RFC 5321 (4.1.1.4) ends the transaction with the end of the data.
 */
final class RelayDataCommand extends BaseCommand {

    private final DataCommand data = new DataCommand();

    RelayDataCommand() {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        boolean readsData = session.isMailTransactionInProgress() && session.getRecipientCount() > 0;
        data.execute(commandString, session);
        if (readsData) {
            session.resetMailTransaction();
        }
    }
}
