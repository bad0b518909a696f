package io.exchangebridge.simulator.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

import io.exchangebridge.simulator.limits.SendingLimits;

/**
 * One mail transaction. At the end of DATA it decides like Exchange's submission: injected failures, size, Send As
 * (envelope sender and From header), the sending limit, the recipient limits; then stores the exact bytes.
 */
final class Submission implements MessageHandler {

    /** The connection was cut on purpose; no reply must be sent. */
    static final class ConnectionDropped extends IOException {
        ConnectionDropped() {
            super("connection dropped by fault injection");
        }
    }

    private final Session session;
    private final SmtpContext context;
    private String mailFrom = "";
    private final List<String> recipients = new ArrayList<>();

    Submission(Session session, SmtpContext context) {
        this.session = session;
        this.context = context;
    }

    @Override
    public void from(String from) {
        this.mailFrom = from;
    }

    @Override
    public void recipient(String recipient) {
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] content = readAtMost(data, context.settings().maxMessageSize());
        if (content == null) {
            throw new RejectException(552, context.replies().messageTooBig().substring(4));
        }
        AuthenticatedSender sender = SmtpContext.sender(session).orElseThrow(
                () -> new RejectException(530, "5.7.57 Client not authenticated to send mail."));
        Optional<SmtpFailure> failure = context.faults().takeNextFailure();
        if (failure.isPresent()) {
            fail(failure.get());
        }
        for (String address : senderAddresses(content)) {
            if (!maySendAs(sender.upn(), address)) {
                throw new RejectException(554, context.replies().sendAsDenied(sender.upn(), address).substring(4));
            }
        }
        if (context.faults().sendingLimitOn() && (context.connections().overLimit(sender.upn(), session)
                || !context.sendingLimit().tryAcquire(sender.upn()))) {
            throw new RejectException(432, context.replies().submissionThrottled());
        }
        Optional<SendingLimits.Refusal> refusal = context.limits().admit(sender.upn(), recipients);
        if (refusal.isPresent()) {
            throw switch (refusal.get()) {
                case TENANT_EXTERNAL_RECIPIENT_RATE -> new RejectException(550,
                        context.replies().tenantExternalRecipientRate());
                // RCPT TO already refused the recipient beyond one message's limit, so only the daily quota is left
                default -> new RejectException(554, context.replies().submissionQuotaExceeded());
            };
        }
        String messageId = messageId(content);
        context.outbox().add(new SmtpSubmission(Instant.now(context.settings().clock()), sender.upn(),
                sender.token().appId(), mailFrom, List.copyOf(recipients), messageId, content));
        return context.replies().queued(messageId);
    }

    @Override
    public void done() {
        // nothing held open
    }

    private void fail(SmtpFailure failure) throws RejectException, IOException {
        switch (failure) {
            case MAILBOX_LOGON_FAILURE -> throw new RejectException(430, context.replies().mailboxLogonFailure());
            case SERVICE_NOT_AVAILABLE -> throw new DropConnectionException(421, ExchangeReplies.SERVICE_NOT_AVAILABLE);
            case DROP_CONNECTION -> {
                session.getSocket().close();
                throw new ConnectionDropped();
            }
        }
    }

    private boolean maySendAs(String user, String address) {
        return address.equalsIgnoreCase(user)
                || (!context.faults().sendAsDenied(user) && context.directory().maySendAs(user, address));
    }

    /**
     * The envelope sender and the From header's addresses: Exchange checks the message's sender, not only MAIL FROM.
     */
    private Set<String> senderAddresses(byte[] content) {
        Set<String> addresses = new LinkedHashSet<>();
        if (!mailFrom.isEmpty()) {
            addresses.add(mailFrom);
        }
        header(content, "From").ifPresent(from -> {
            try {
                for (InternetAddress address : InternetAddress.parseHeader(from, false)) {
                    addresses.add(address.getAddress());
                }
            } catch (AddressException e) {
                // an unparsable From is the importer's problem, not a Send As question
            }
        });
        return addresses;
    }

    private String messageId(byte[] content) {
        return header(content, "Message-ID").map(String::trim)
                .orElseGet(() -> "<" + HexFormat.of().formatHex(randomBytes()) + "@" + context.replies().host() + ">");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static Optional<String> header(byte[] content, String name) {
        try {
            return Optional.ofNullable(new InternetHeaders(new ByteArrayInputStream(content)).getHeader(name, ","));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** The whole message, or null (after draining the rest) when it is bigger than {@code limit}. */
    private static byte[] readAtMost(InputStream data, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = data.read(buffer)) != -1) {
            total += n;
            if (total <= limit) {
                out.write(buffer, 0, n);
            }
        }
        return total <= limit ? out.toByteArray() : null;
    }
}
