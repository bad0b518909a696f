package io.exchangebridge.smtp.listener;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.smtp.mail.Addresses;
import io.exchangebridge.smtp.outbox.EnqueueResult;
import io.exchangebridge.smtp.submit.PreparedMessage;
import io.quarkus.logging.Log;

/** One mail transaction at the listener: checks who may send what, and answers 250 only once the mail is stored. */
final class RelaySession implements MessageHandler {

    private final MessageContext context;
    private final SmtpListener listener;
    private final List<String> recipients = new ArrayList<>();
    private String user;

    RelaySession(MessageContext context, SmtpListener listener) {
        this.context = context;
        this.listener = listener;
    }

    @Override
    public void from(String from) throws RejectException {
        Object identity = context.getAuthenticationHandler().map(h -> h.getIdentity()).orElse(null);
        user = identity == null ? null : identity.toString();
        if (user == null && !listener.trusted(context.getRemoteAddress())) {
            throw new RejectException(530, "5.7.57 Client not authenticated to send mail");
        }
        if (from == null || from.isBlank()) {
            throw new RejectException(553, "5.1.7 The null sender is not accepted here");
        }
        if (!Addresses.isValid(from)) {
            throw new RejectException(553, "5.1.3 Invalid sender address");
        }
        if (user != null && !listener.users().maySendFrom(user, from)) {
            throw new RejectException(550, "5.7.1 Client does not have permissions to send as this sender");
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (!Addresses.isValid(recipient)) {
            throw new RejectException(553, "5.1.3 Invalid recipient address");
        }
        if (recipients.size() >= listener.maxRecipients()) {
            throw new RejectException(452, "4.5.3 Too many recipients");
        }
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        int max = listener.maxMessageSize();
        byte[] bytes = data.readNBytes(max + 1);
        if (bytes.length > max) {
            data.transferTo(OutputStream.nullOutputStream());
            throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
        }
        PreparedMessage prepared;
        try {
            prepared = listener.composer().prepareRaw(bytes, recipients);
        } catch (ProblemException e) {
            if (e.status() == 413) {
                throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
            }
            throw new RejectException(554, "5.6.0 " + e.getMessage());
        }
        if (user != null && !listener.users().maySendFrom(user, prepared.mailFrom())) {
            throw new RejectException(550, "5.7.1 Client does not have permissions to send as this sender");
        }
        String submitter = user != null ? user : "trusted:" + remoteIp();
        try {
            EnqueueResult stored = listener.submissions().submit(submitter, null, bytes, prepared);
            return "2.0.0 OK queued as " + stored.id();
        } catch (ProblemException e) {
            if (e.status() == 422) {
                throw new RejectException(550, "5.7.1 No route for this sender; ask the administrator to add one");
            }
            throw new RejectException(554, "5.6.0 " + e.getMessage());
        } catch (RuntimeException e) {
            Log.errorf("Storing a message from the listener failed: %s", e.getClass().getName());
            throw new RejectException(451, "4.3.0 Temporary failure storing the message, try again later");
        }
    }

    private String remoteIp() {
        return context.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?";
    }

    @Override
    public void done() {
        // nothing held
    }
}
