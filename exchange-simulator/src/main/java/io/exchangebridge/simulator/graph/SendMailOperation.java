package io.exchangebridge.simulator.graph;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.directory.Directory;
import io.exchangebridge.simulator.graph.store.MailStore;
import io.exchangebridge.simulator.graph.store.MimeSummary;
import io.exchangebridge.simulator.graph.store.MimeSummary.EmailAddress;
import io.exchangebridge.simulator.graph.store.SentMail;
import io.exchangebridge.simulator.limits.SendingLimits;

/**
 * {@code POST /users/{u}/sendMail}: a JSON message, or base64 MIME with {@code Content-Type: text/plain}. Answers 202
 * with an empty body; like Graph it has no idempotency, so a retried request sends twice. Mail to simulated mailboxes
 * is delivered to their Inbox without the Bcc header.
 */
final class SendMailOperation {

    /** Graph refuses request bodies above 4 MB. */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** Graph's ceiling for one message, whatever a mailbox's own limit (35 MB by default) is raised to. */
    static final long MAX_MESSAGE_BYTES = 150L * 1024 * 1024;

    private final Directory directory;
    private final MailStore store;
    private final GraphFaults faults;
    private final SendingLimits limits;
    private final Clock clock;

    SendMailOperation(Directory directory, MailStore store, GraphFaults faults, SendingLimits limits, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.faults = faults;
        this.limits = limits;
        this.clock = clock;
    }

    GraphResponse run(MailContext ctx) {
        GraphRequest request = ctx.request();
        if (request.body().length > MAX_REQUEST_BYTES) {
            throw GraphErrors.requestTooLarge();
        }
        boolean mimeFormat = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("text/plain");
        byte[] mime;
        boolean saveToSentItems = true;
        Map<String, String> properties = Map.of();
        if (mimeFormat) {
            mime = decodeMime(request.body());
        } else {
            JsonNode body = JsonBodies.read(request);
            JsonNode message = JsonBodies.field(body, "message");
            if (message == null || !message.isObject()) {
                throw GraphErrors.badRequest("Required parameter 'Message' is missing.");
            }
            JsonNode save = JsonBodies.field(body, "saveToSentItems");
            saveToSentItems = save == null || save.isNull() || save.asBoolean(true);
            mime = SendMailMime.build(message, ctx.mailbox(), clock.instant());
            properties = ExtendedProperties.of(message);
        }
        boolean keep = saveToSentItems;
        Map<String, String> sentProperties = properties;
        submit(ctx, mime, mimeFormat ? "mime" : "json", saveToSentItems, sent -> {
            if (keep) {
                ctx.store().add("sentitems").read(true).extendedProperties(sentProperties).mime(sent);
            }
        });
        return GraphResponse.empty(202);
    }

    /**
     * What sendMail and a draft's send share: the right to the From, recipients, size and recipient limits, then the
     * sent-mail record, the copy (by {@code keepCopy}) and delivery to simulated mailboxes without Bcc.
     */
    void submit(MailContext ctx, byte[] mime, String format, boolean saveToSentItems, Consumer<byte[]> keepCopy) {
        MimeSummary summary = parse(mime);
        String from = summary.from().map(EmailAddress::address).orElse(ctx.mailbox().upn());
        if (!directory.maySendMail(ctx.token(), ctx.mailbox(), from)) {
            // the mailbox was opened (GraphApi checked maySubmitMail): what is missing is the right to this From
            throw GraphErrors.sendAsDenied();
        }
        List<String> recipients = new ArrayList<>();
        for (List<EmailAddress> group : List.of(summary.to(), summary.cc(), summary.bcc())) {
            group.forEach(a -> recipients.add(a.address()));
        }
        if (recipients.isEmpty()) {
            throw GraphErrors.invalidRecipients();
        }
        if (mime.length > Math.min(MAX_MESSAGE_BYTES, faults.maxMessageSize(ctx.mailbox().upn()))) {
            throw GraphErrors.messageSizeExceeded();
        }
        Optional<SendingLimits.Refusal> refusal = limits.admit(ctx.mailbox().upn(), recipients);
        if (refusal.isPresent()) {
            throw GraphErrors.recipientLimit(refusal.get(), limits.recipientsPerMessage());
        }
        store.recordSent(new SentMail(clock.instant(), ctx.mailbox().upn().toLowerCase(Locale.ROOT), from,
                List.copyOf(recipients), summary.subject(), mime, format, saveToSentItems));
        keepCopy.accept(mime);
        byte[] transmitted = withoutBcc(mime);
        for (String recipient : recipients) {
            directory.mailbox(recipient).ifPresent(mailbox -> store.mailbox(mailbox.upn()).deliver(transmitted));
        }
    }

    /** The message as recipients get it: Exchange drops the Bcc header (with its folded lines) when it transmits. */
    static byte[] withoutBcc(byte[] mime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length);
        int i = 0;
        boolean dropping = false;
        while (i < mime.length) {
            int end = i;
            while (end < mime.length && mime[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, mime.length);
            boolean blank = end == i || (end == i + 1 && mime[i] == '\r');
            if (blank) {
                out.write(mime, i, mime.length - i);
                return out.toByteArray();
            }
            boolean continuation = mime[i] == ' ' || mime[i] == '\t';
            if (!continuation) {
                dropping = next - i >= 4 && new String(mime, i, 4, StandardCharsets.US_ASCII)
                        .equalsIgnoreCase("bcc:");
            }
            if (!dropping) {
                out.write(mime, i, next - i);
            }
            i = next;
        }
        return out.toByteArray();
    }

    private static byte[] decodeMime(byte[] body) {
        try {
            String text = new String(body, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            if (text.isEmpty()) {
                throw GraphErrors.invalidMimeBase64();
            }
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw GraphErrors.invalidMimeBase64();
        }
    }

    private static MimeSummary parse(byte[] mime) {
        try {
            return MimeSummary.parse(mime);
        } catch (IllegalArgumentException e) {
            throw GraphErrors.badRequest("The MIME content is not a valid message.");
        }
    }
}
