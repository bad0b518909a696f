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

import io.exchangebridge.foundation.tracing.ContinuedSpan;
import io.exchangebridge.smtp.mail.Addresses;
import io.exchangebridge.smtp.submit.PreparedMessage;
import io.exchangebridge.smtp.submit.SubmissionRefused;
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
            throw SmtpReplies.notAuthenticated();
        }
        if (from == null || from.isBlank()) {
            throw SmtpReplies.nullSender();
        }
        if (!Addresses.isValid(from)) {
            throw SmtpReplies.invalidSender();
        }
        if (user != null && !listener.users().maySendFrom(user, from)) {
            throw SmtpReplies.senderNotAllowed();
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (!Addresses.isValid(recipient)) {
            throw SmtpReplies.invalidRecipient();
        }
        if (recipients.size() >= listener.maxRecipients()) {
            throw SmtpReplies.tooManyRecipients();
        }
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        int max = listener.maxMessageSize();
        byte[] bytes = data.readNBytes(max + 1);
        if (bytes.length > max) {
            data.transferTo(OutputStream.nullOutputStream());
            throw SmtpReplies.tooLarge();
        }
        PreparedMessage prepared;
        try {
            prepared = listener.composer().prepareRaw(bytes, recipients);
        } catch (SubmissionRefused e) {
            throw SmtpReplies.refused(e);
        }
        if (user != null && !listener.users().maySendFrom(user, prepared.mailFrom())) {
            throw SmtpReplies.senderNotAllowed();
        }
        String submitter = user != null ? user : "trusted:" + remoteIp();
        try (ContinuedSpan span = listener.traces().smtpSubmission()) {
            return SmtpReplies.queued(listener.submissions().submit(submitter, null, bytes, prepared).id());
        } catch (SubmissionRefused e) {
            throw SmtpReplies.refused(e);
        } catch (RuntimeException e) {
            Log.errorf("Storing a message from the listener failed: %s", e.getClass().getName());
            throw SmtpReplies.temporaryFailure();
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
