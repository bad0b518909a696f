package io.exchangebridge.smtp.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;

import io.exchangebridge.smtp.config.RelayConfig;
import io.exchangebridge.smtp.mail.Addresses;
import io.exchangebridge.smtp.mail.MailStreamProviderShortcut;

/**
 * Turns submissions into the exact bytes to deliver: builds MIME from JSON with Angus Mail, or checks and minimally
 * adjusts raw MIME (line ends to CRLF, Bcc header removed, a Message-ID added when missing) leaving its body untouched.
 */
@ApplicationScoped
public class MimeComposer {

    private static final Set<String> RESERVED_HEADERS = Set.of("from", "to", "cc", "bcc", "reply-to", "subject",
            "message-id", "date", "mime-version", "content-type", "content-transfer-encoding", "sender");

    private final RelayConfig config;
    private final Session session;

    public MimeComposer(RelayConfig config) {
        this.config = config;
        MailStreamProviderShortcut.install();
        Properties props = new Properties();
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "false");
        props.setProperty("mail.mime.multipart.allowempty", "false");
        props.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "false");
        this.session = Session.getInstance(props);
    }

    /** Builds the message of a JSON submission. */
    public PreparedMessage compose(SubmitRequest r) {
        InternetAddress from = Addresses.parseOne(r.from());
        if (from == null) {
            throw new SubmissionRefused.BadField(r.from() == null || r.from().isBlank()
                    ? "Field 'from' is required."
                    : "Field 'from' is not a valid email address.");
        }
        List<InternetAddress> to = addresses("to", r.to());
        List<InternetAddress> cc = addresses("cc", r.cc());
        List<InternetAddress> bcc = addresses("bcc", r.bcc());
        List<InternetAddress> replyTo = addresses("replyTo", r.replyTo());
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw new SubmissionRefused.BadField("Field 'to' needs at least one recipient (or 'cc' or 'bcc').");
        }
        if (r.text() == null && r.html() == null) {
            throw new SubmissionRefused.BadField("Field 'text' or 'html' is required.");
        }
        if (r.subject() != null && (r.subject().indexOf('\r') >= 0 || r.subject().indexOf('\n') >= 0)) {
            throw new SubmissionRefused.BadField("Field 'subject' must not contain line breaks.");
        }
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipients(MimeMessage.RecipientType.TO, to.toArray(InternetAddress[]::new));
            if (!cc.isEmpty()) {
                m.setRecipients(MimeMessage.RecipientType.CC, cc.toArray(InternetAddress[]::new));
            }
            if (!replyTo.isEmpty()) {
                m.setReplyTo(replyTo.toArray(InternetAddress[]::new));
            }
            if (r.subject() != null) {
                m.setSubject(r.subject(), "UTF-8");
            }
            m.setSentDate(new Date());
            if (r.headers() != null) {
                for (Map.Entry<String, String> h : r.headers().entrySet()) {
                    checkHeader(h.getKey(), h.getValue());
                    m.addHeader(h.getKey(), h.getValue());
                }
            }
            MimeBodyPart body = bodyPart(r.text(), r.html());
            List<SubmitRequest.Attachment> attachments = r.attachments() == null ? List.of() : r.attachments();
            if (attachments.isEmpty()) {
                if (body.getContent() instanceof Multipart mp) {
                    m.setContent(mp);
                } else {
                    m.setContent(body.getContent(), body.getContentType());
                }
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                for (int i = 0; i < attachments.size(); i++) {
                    mixed.addBodyPart(attachment(i, attachments.get(i)));
                }
                m.setContent(mixed);
            }
            m.saveChanges();
            String messageId = newMessageId();
            m.setHeader("Message-ID", messageId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            byte[] mime = out.toByteArray();
            checkSize(mime);
            return new PreparedMessage(from.getAddress(), envelope(to, cc, bcc), messageId, mime, r.subject());
        } catch (MessagingException | IOException e) {
            throw new SubmissionRefused.BadField("The message could not be built from the fields given.");
        }
    }

    /** Checks raw MIME and prepares it for delivery to the recipients of its To, Cc and Bcc headers. */
    public PreparedMessage prepareRaw(byte[] raw) {
        return prepareRaw(raw, null);
    }

    /**
     * Checks raw MIME and prepares it for delivery; with an SMTP envelope ({@code envelopeRecipients} not null) the
     * envelope's recipients are used instead of the headers'.
     */
    public PreparedMessage prepareRaw(byte[] raw, List<String> envelopeRecipients) {
        if (raw == null || raw.length == 0) {
            throw new SubmissionRefused.BadMime("The request body is empty: send the message as message/rfc822.");
        }
        byte[] crlf = RawMime.toCrlf(raw);
        checkSize(crlf);
        int split = RawMime.indexOf(crlf, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (split < 0) {
            throw new SubmissionRefused.BadMime("Malformed MIME: no empty line between header and body.");
        }
        String headerText = new String(crlf, 0, split + 2, StandardCharsets.ISO_8859_1);
        // parsed once, its header and body both: SharedByteArrayInputStream lets the body be a view, not a copy
        RawMime.Parsed parsed;
        try {
            parsed = new RawMime.Parsed(session, new SharedByteArrayInputStream(crlf));
        } catch (MessagingException e) {
            throw new SubmissionRefused.BadMime("Malformed MIME: the header cannot be parsed.");
        }
        InternetHeaders headers = parsed.headers();
        String[] fromValues = headers.getHeader("From");
        if (fromValues == null || fromValues.length != 1) {
            throw new SubmissionRefused.BadMime("Header 'From' is required, once.");
        }
        InternetAddress from = Addresses.parseOne(fromValues[0]);
        if (from == null) {
            throw new SubmissionRefused.BadMime("Header 'From' is not a single valid email address.");
        }
        Set<String> recipients = new LinkedHashSet<>();
        for (String name : List.of("To", "Cc", "Bcc")) {
            String[] values = headers.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String v : values) {
                try {
                    for (InternetAddress a : InternetAddress.parseHeader(v, true)) {
                        a.validate();
                        recipients.add(a.getAddress());
                    }
                } catch (MessagingException e) {
                    throw new SubmissionRefused.BadMime("Header '" + name + "' contains an invalid address.");
                }
            }
        }
        if (envelopeRecipients != null) {
            recipients = new LinkedHashSet<>(envelopeRecipients);
        }
        if (recipients.isEmpty()) {
            throw new SubmissionRefused.BadMime("The message has no recipient in To, Cc or Bcc.");
        }
        try {
            RawMime.walk(parsed, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new SubmissionRefused.BadMime("Malformed MIME: the body does not match its Content-Type.");
        }
        String[] ids = headers.getHeader("Message-ID");
        String messageId = ids == null ? null : ids[0].trim();
        StringBuilder newHeader = new StringBuilder();
        if (messageId == null || messageId.isEmpty()) {
            messageId = newMessageId();
            newHeader.append("Message-ID: ").append(messageId).append("\r\n");
        }
        newHeader.append(RawMime.withoutHeader(headerText, "bcc"));
        byte[] head = newHeader.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(crlf.length + 100);
        out.writeBytes(head);
        out.write(crlf, split + 2, crlf.length - split - 2);
        return new PreparedMessage(from.getAddress(), List.copyOf(recipients), messageId, out.toByteArray(),
                RawMime.subject(headers));
    }

    private String newMessageId() {
        return "<" + UUID.randomUUID() + "@" + config.messageIdDomain() + ">";
    }

    private void checkSize(byte[] mime) {
        if (mime.length > config.maxMessageSize()) {
            throw new SubmissionRefused.TooLarge(mime.length, config.maxMessageSize());
        }
    }

    private static List<InternetAddress> addresses(String field, List<String> values) {
        List<InternetAddress> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        for (int i = 0; i < values.size(); i++) {
            InternetAddress a = Addresses.parseOne(values.get(i));
            if (a == null) {
                throw new SubmissionRefused.BadField("Field '" + field + "[" + i + "]' is not a valid email address.");
            }
            result.add(a);
        }
        return result;
    }

    private static List<String> envelope(List<InternetAddress> to, List<InternetAddress> cc,
            List<InternetAddress> bcc) {
        Set<String> all = new LinkedHashSet<>();
        for (List<InternetAddress> list : List.of(to, cc, bcc)) {
            list.forEach(a -> all.add(a.getAddress()));
        }
        return List.copyOf(all);
    }

    private static void checkHeader(String name, String value) {
        if (name == null || !name.matches("[!-9;-~]{1,76}") || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                || name.toLowerCase(Locale.ROOT).startsWith("content-")) {
            throw new SubmissionRefused.BadField(
                    "Field 'headers." + name + "' is not an extra header that can be set.");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new SubmissionRefused.BadField("Field 'headers." + name + "' must be a single line.");
        }
    }

    private static MimeBodyPart bodyPart(String text, String html) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        if (text != null && html != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart t = new MimeBodyPart();
            t.setText(text, "UTF-8");
            MimeBodyPart h = new MimeBodyPart();
            h.setText(html, "UTF-8", "html");
            alternative.addBodyPart(t);
            alternative.addBodyPart(h);
            part.setContent(alternative);
        } else if (html != null) {
            part.setText(html, "UTF-8", "html");
        } else {
            part.setText(text, "UTF-8");
        }
        return part;
    }

    private static BodyPart attachment(int i, SubmitRequest.Attachment a) throws MessagingException {
        String field = "attachments[" + i + "]";
        if (a == null || a.filename() == null || a.filename().isBlank()) {
            throw new SubmissionRefused.BadField("Field '" + field + ".filename' is required.");
        }
        String type = a.contentType() == null ? "application/octet-stream" : a.contentType();
        if (!type.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")) {
            throw new SubmissionRefused.BadField("Field '" + field + ".contentType' is not a media type.");
        }
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(a.content() == null ? "" : a.content());
        } catch (IllegalArgumentException e) {
            throw new SubmissionRefused.BadField("Field '" + field + ".content' is not valid base64.");
        }
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(a.filename());
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }
}
