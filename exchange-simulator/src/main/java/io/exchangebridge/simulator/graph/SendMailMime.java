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
import io.exchangebridge.simulator.graph.store.MailClassLoader;

/** Turns a Graph JSON {@code message} of a sendMail request into the MIME Exchange would transmit. */
final class SendMailMime {

    private static final Session SESSION = MailClassLoader.run(() -> Session.getInstance(new Properties()));

    private SendMailMime() {
    }

    static byte[] build(JsonNode message, Mailbox mailbox, Instant now) {
        return MailClassLoader.run(() -> buildInMailLoader(message, mailbox, now));
    }

    private static byte[] buildInMailLoader(JsonNode message, Mailbox mailbox, Instant now) {
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
            JsonNode attachments = message.path("attachments");
            if (attachments.isArray() && !attachments.isEmpty()) {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(content, "UTF-8", subtype);
                mixed.addBodyPart(text);
                for (JsonNode attachment : attachments) {
                    mixed.addBodyPart(attachment(attachment));
                }
                mime.setContent(mixed);
            } else {
                mime.setText(content, "UTF-8", subtype);
            }
            mime.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mime.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException | IllegalArgumentException e) {
            throw GraphErrors.badRequest("The message could not be built: " + e.getMessage());
        }
    }

    private static MimeBodyPart attachment(JsonNode attachment) throws MessagingException {
        String type = attachment.path("contentType").asText("application/octet-stream");
        byte[] bytes = Base64.getDecoder().decode(attachment.path("contentBytes").asText(""));
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, type)));
        part.setFileName(attachment.path("name").asText("attachment"));
        boolean inline = attachment.path("isInline").asBoolean(false);
        part.setDisposition(inline ? Part.INLINE : Part.ATTACHMENT);
        if (inline && attachment.hasNonNull("contentId")) {
            part.setContentID("<" + attachment.get("contentId").asText() + ">");
        }
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
