package io.exchangebridge.smtp.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored message taken apart into what Graph's draft resource takes: subject, body, sender, recipients (the
 * envelope's Bcc recipients added), importance, Message-ID, the {@code X-} headers (Graph accepts no others in
 * {@code internetMessageHeaders}) and the attachments as their decoded bytes, so that they arrive byte for byte.
 */
record GraphDraft(String subject, String bodyType, String body, InternetAddress from, List<InternetAddress> to,
        List<InternetAddress> cc, List<InternetAddress> bcc, List<InternetAddress> replyTo, String importance,
        String messageId, List<Header> customHeaders, List<Attachment> attachments) {

    /** The named extended property that tags a draft with its outbox message id (a GUID of this project's own). */
    static final String TAG_PROPERTY = "String {6f2c8f4e-3b1d-4a57-9c0e-7d5a2b8e1f34} Name ExchangeBridgeOutboxId";

    /** One attachment: its decoded bytes; {@code contentId} without angle brackets, null when none. */
    record Attachment(String name, String contentType, byte[] bytes, boolean inline, String contentId) {
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    /**
     * Parses the stored MIME.
     *
     * @throws MessagingException
     *             when the MIME cannot be read (it was validated at intake, so hardly ever)
     */
    static GraphDraft parse(ClaimedMessage m) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(SESSION, new ByteArrayInputStream(m.mime()));
        List<InternetAddress> to = addresses(mime, "To");
        List<InternetAddress> cc = addresses(mime, "Cc");
        Set<String> visible = new LinkedHashSet<>();
        to.forEach(a -> visible.add(a.getAddress().toLowerCase(Locale.ROOT)));
        cc.forEach(a -> visible.add(a.getAddress().toLowerCase(Locale.ROOT)));
        List<InternetAddress> bcc = new ArrayList<>();
        for (String r : m.recipients()) {
            if (!visible.contains(r.toLowerCase(Locale.ROOT))) {
                bcc.add(new InternetAddress(r, false));
            }
        }
        List<InternetAddress> from = addresses(mime, "From");
        List<Header> custom = new ArrayList<>();
        for (Enumeration<Header> e = mime.getAllHeaders(); e.hasMoreElements();) {
            Header h = e.nextElement();
            if (h.getName().regionMatches(true, 0, "X-", 0, 2)) {
                custom.add(new Header(h.getName(), MimeUtility.unfold(h.getValue()).strip()));
            }
        }
        Walk walk = new Walk();
        walk.part(mime);
        return new GraphDraft(mime.getSubject() == null ? "" : mime.getSubject(), walk.bodyType,
                walk.body == null ? "" : walk.body, from.isEmpty()
                        ? new InternetAddress(m.mailFrom(), false)
                        : from.get(0),
                to, cc, bcc, addresses(mime, "Reply-To"), importance(mime), m.messageId(), custom, walk.attachments);
    }

    /** Total decoded attachment bytes. */
    long attachmentBytes() {
        return attachments.stream().mapToLong(a -> a.bytes().length).sum();
    }

    /**
     * The draft resource for {@code POST /users/{mailbox}/messages}, tagged with the outbox id, without attachments.
     */
    ObjectNode resource(ObjectMapper json, UUID outboxId) {
        ObjectNode r = json.createObjectNode();
        r.put("subject", subject);
        r.putObject("body").put("contentType", bodyType).put("content", body);
        r.set("from", recipient(json, from));
        r.set("toRecipients", recipients(json, to));
        r.set("ccRecipients", recipients(json, cc));
        r.set("bccRecipients", recipients(json, bcc));
        if (!replyTo.isEmpty()) {
            r.set("replyTo", recipients(json, replyTo));
        }
        r.put("importance", importance);
        // the Message-ID fixed at intake; Graph documents the property, not that a create may set it
        r.put("internetMessageId", messageId);
        if (!customHeaders.isEmpty()) {
            ArrayNode headers = r.putArray("internetMessageHeaders");
            customHeaders.forEach(h -> headers.addObject().put("name", h.getName()).put("value", h.getValue()));
        }
        r.putArray("singleValueExtendedProperties").addObject().put("id", TAG_PROPERTY).put("value",
                outboxId.toString());
        return r;
    }

    private static ArrayNode recipients(ObjectMapper json, List<InternetAddress> list) {
        ArrayNode array = json.createArrayNode();
        list.forEach(a -> array.add(recipient(json, a)));
        return array;
    }

    private static ObjectNode recipient(ObjectMapper json, InternetAddress a) {
        ObjectNode email = json.createObjectNode().put("address", a.getAddress());
        if (a.getPersonal() != null && !a.getPersonal().isBlank()) {
            email.put("name", a.getPersonal());
        }
        ObjectNode node = json.createObjectNode();
        node.set("emailAddress", email);
        return node;
    }

    private static List<InternetAddress> addresses(MimeMessage mime, String header) throws MessagingException {
        String value = mime.getHeader(header, ",");
        return value == null ? List.of() : List.of(InternetAddress.parseHeader(value, false));
    }

    private static String importance(MimeMessage mime) throws MessagingException {
        String importance = mime.getHeader("Importance", null);
        String priority = mime.getHeader("X-Priority", null);
        if (importance != null) {
            String v = importance.strip().toLowerCase(Locale.ROOT);
            return v.equals("high") || v.equals("low") ? v : "normal";
        }
        if (priority != null && !priority.isBlank()) {
            char c = priority.strip().charAt(0);
            return c == '1' || c == '2' ? "high" : c == '4' || c == '5' ? "low" : "normal";
        }
        return "normal";
    }

    /**
     * Walks the MIME tree: the first text part that is not an attachment is the body (HTML preferred inside
     * multipart/alternative); every other leaf is an attachment. Multiparts are read from their data source, which
     * needs no activation handler (none is registered in a native image).
     */
    private static final class Walk {
        String bodyType = "Text";
        String body;
        final List<Attachment> attachments = new ArrayList<>();

        void part(MimePart p) throws MessagingException, IOException {
            if (p.isMimeType("multipart/*")) {
                MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(p));
                if (p.isMimeType("multipart/alternative") && body == null) {
                    MimePart chosen = null;
                    for (int i = 0; i < multipart.getCount(); i++) {
                        MimePart child = (MimePart) multipart.getBodyPart(i);
                        if (chosen == null || child.isMimeType("text/html") || child.isMimeType("multipart/related")) {
                            chosen = child;
                        }
                    }
                    if (chosen != null) {
                        part(chosen);
                    }
                    return;
                }
                for (int i = 0; i < multipart.getCount(); i++) {
                    part((MimePart) multipart.getBodyPart(i));
                }
                return;
            }
            String disposition = p.getDisposition();
            String fileName = fileName(p);
            boolean text = p.isMimeType("text/plain") || p.isMimeType("text/html");
            if (body == null && text && fileName == null && !Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
                bodyType = p.isMimeType("text/html") ? "HTML" : "Text";
                body = text(p);
                return;
            }
            String contentId = p.getContentID();
            if (contentId != null) {
                contentId = contentId.strip().replaceAll("^<|>$", "");
            }
            boolean inline = contentId != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition);
            byte[] bytes;
            try (InputStream in = p.getInputStream()) {
                bytes = in.readAllBytes();
            }
            String type = new ContentType(p.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            attachments.add(new Attachment(fileName == null ? defaultName(type, attachments.size() + 1) : fileName,
                    type, bytes, inline, contentId));
        }

        private static String fileName(MimePart p) throws MessagingException {
            try {
                String name = p.getFileName();
                return name == null ? null : MimeUtility.decodeText(name);
            } catch (IOException e) {
                return p.getFileName();
            }
        }

        private static String defaultName(String type, int n) {
            return type.equals("message/rfc822") ? "message-" + n + ".eml" : "attachment-" + n;
        }

        private static String text(MimePart p) throws MessagingException, IOException {
            String charset = new ContentType(p.getContentType()).getParameter("charset");
            try (InputStream in = p.getInputStream()) {
                byte[] bytes = in.readAllBytes();
                try {
                    return new String(bytes, charset == null ? "UTF-8" : MimeUtility.javaCharset(charset));
                } catch (UnsupportedEncodingException e) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
        }
    }
}
