package io.exchangebridge.simulator.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.directory.Mailbox;
import io.exchangebridge.simulator.graph.draft.DraftAttachment;
import io.exchangebridge.simulator.graph.store.GraphIds;
import io.exchangebridge.simulator.graph.store.MailClassLoader;

/** Turns a Graph JSON {@code message} of a sendMail request into the MIME Exchange would transmit. */
final class SendMailMime {

    private static final Session SESSION = MailClassLoader.run(() -> Session.getInstance(new Properties()));

    private SendMailMime() {
    }

    static byte[] build(JsonNode message, Mailbox mailbox, Instant now) {
        return build(message, attachments(message, now), mailbox, now);
    }

    /** With the attachments given apart from the resource (a draft's, byte-exact). */
    static byte[] build(JsonNode message, List<DraftAttachment> attachments, Mailbox mailbox, Instant now) {
        return MailClassLoader.run(() -> buildInMailLoader(message, attachments, mailbox, now));
    }

    /** The {@code attachments} of a JSON message as file attachments. */
    static List<DraftAttachment> attachments(JsonNode message, Instant now) {
        List<DraftAttachment> result = new ArrayList<>();
        for (JsonNode attachment : message.path("attachments")) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(attachment.path("contentBytes").asText(""));
            } catch (IllegalArgumentException e) {
                throw GraphErrors.badRequest("The attachment's contentBytes are not valid base64.");
            }
            result.add(new DraftAttachment(GraphIds.attachmentId(), attachment.path("name").asText("attachment"),
                    attachment.path("contentType").asText("application/octet-stream"), bytes,
                    attachment.path("isInline").asBoolean(false),
                    attachment.hasNonNull("contentId") ? attachment.get("contentId").asText() : null, now));
        }
        return result;
    }

    private static byte[] buildInMailLoader(JsonNode message, List<DraftAttachment> attachments, Mailbox mailbox,
            Instant now) {
        try {
            MimeMessage mime = new MimeMessage(SESSION);
            List<InternetAddress> from = addresses(message.get("from"));
            mime.setFrom(from.isEmpty()
                    ? new InternetAddress(mailbox.upn(), mailbox.displayName(), "UTF-8")
                    : from.get(0));
            mime.setRecipients(RecipientType.TO,
                    addresses(message.get("toRecipients")).toArray(InternetAddress[]::new));
            mime.setRecipients(RecipientType.CC,
                    addresses(message.get("ccRecipients")).toArray(InternetAddress[]::new));
            mime.setRecipients(RecipientType.BCC,
                    addresses(message.get("bccRecipients")).toArray(InternetAddress[]::new));
            List<InternetAddress> replyTo = addresses(message.get("replyTo"));
            if (!replyTo.isEmpty()) {
                mime.setReplyTo(replyTo.toArray(InternetAddress[]::new));
            }
            mime.setSubject(message.path("subject").asText(""), "UTF-8");
            mime.setSentDate(Date.from(now));
            String importance = message.path("importance").asText("");
            if (importance.equalsIgnoreCase("high") || importance.equalsIgnoreCase("low")) {
                mime.setHeader("Importance", importance.toLowerCase(Locale.ROOT));
            }
            for (JsonNode header : message.path("internetMessageHeaders")) {
                mime.addHeader(header.path("name").asText(), header.path("value").asText());
            }
            JsonNode body = message.path("body");
            String subtype = body.path("contentType").asText("text").equalsIgnoreCase("html") ? "html" : "plain";
            String content = body.path("content").asText("");
            if (!attachments.isEmpty()) {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(content, "UTF-8", subtype);
                mixed.addBodyPart(text);
                for (DraftAttachment attachment : attachments) {
                    mixed.addBodyPart(attachment(attachment));
                }
                mime.setContent(mixed);
            } else {
                mime.setText(content, "UTF-8", subtype);
            }
            mime.saveChanges();
            // "internetMessageId: ... Updatable only if isDraft = true" (Microsoft Learn, message update): a client's
            // own Message-ID replaces the one Exchange would assign
            String messageId = message.path("internetMessageId").asText("").trim();
            if (!messageId.isEmpty()) {
                mime.setHeader("Message-ID", messageId);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException | IllegalArgumentException e) {
            throw GraphErrors.badRequest("The message could not be built: " + e.getMessage());
        }
    }

    private static MimeBodyPart attachment(DraftAttachment attachment) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
        part.setFileName(attachment.name());
        part.setDisposition(attachment.inline() ? Part.INLINE : Part.ATTACHMENT);
        if (attachment.inline() && attachment.contentId() != null) {
            part.setContentID("<" + attachment.contentId() + ">");
        }
        // base64 whatever the content, so the recipient decodes exactly the uploaded bytes
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** One Graph recipient object or an array of them. */
    private static List<InternetAddress> addresses(JsonNode recipients) throws UnsupportedEncodingException {
        List<InternetAddress> result = new ArrayList<>();
        if (recipients == null || recipients.isNull()) {
            return result;
        }
        Iterable<JsonNode> items = recipients.isArray() ? recipients : List.of(recipients);
        for (JsonNode recipient : items) {
            JsonNode email = recipient.path("emailAddress");
            String address = email.path("address").asText("");
            if (address.isBlank() || !address.contains("@")) {
                throw GraphErrors.invalidRecipients();
            }
            String name = email.path("name").asText("");
            result.add(name.isBlank()
                    ? new InternetAddress(address, null, "UTF-8")
                    : new InternetAddress(address, name, "UTF-8"));
        }
        return result;
    }
}
