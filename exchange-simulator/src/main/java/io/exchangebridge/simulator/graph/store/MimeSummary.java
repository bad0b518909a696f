package io.exchangebridge.simulator.graph.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * What Exchange derives from a message's MIME for the Graph JSON. Parsing is lenient like Exchange's: a malformed
 * header yields an empty value rather than a refused message.
 */
public record MimeSummary(String subject, Optional<EmailAddress> from, Optional<EmailAddress> sender,
        List<EmailAddress> to, List<EmailAddress> cc, List<EmailAddress> bcc, List<EmailAddress> replyTo,
        Optional<Instant> sentAt, Optional<String> internetMessageId, String importance, boolean hasAttachments,
        String bodyContentType, String bodyContent, String textBody, String bodyPreview, String conversationSeed) {

    /** A name and address as Graph's {@code emailAddress} object. */
    public record EmailAddress(String name, String address) {
    }

    private static final Session SESSION = MailClassLoader.run(() -> Session.getInstance(new Properties()));
    private static final int PREVIEW_LENGTH = 255;

    public static MimeSummary parse(byte[] mime) {
        return MailClassLoader.run(() -> parseInMailLoader(mime));
    }

    private static MimeSummary parseInMailLoader(byte[] mime) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(mime));
            Body body = new Body();
            boolean attachments = walk(message, body);
            String text = body.html != null ? body.html : body.text != null ? body.text : "";
            String plain = body.text != null ? body.text : stripTags(text);
            Optional<String> messageId = header(message, "Message-ID").map(String::trim);
            return new MimeSummary(decodedSubject(message), addresses(message, "From").stream().findFirst(),
                    addresses(message, "Sender").stream().findFirst(), addresses(message, "To"),
                    addresses(message, "Cc"), addresses(message, "Bcc"), addresses(message, "Reply-To"),
                    sentDate(message), messageId, importance(message), attachments,
                    body.html != null ? "html" : "text", text, plain.strip(), preview(plain),
                    conversationSeed(message, messageId));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Not a MIME message: " + e.getMessage(), e);
        }
    }

    private static final class Body {
        String text;
        String html;
    }

    /** Collects the first text and html bodies; true when any part is an attachment. */
    private static boolean walk(Part part, Body body) throws MessagingException {
        boolean attachment = false;
        try {
            String disposition = safeDisposition(part);
            if (part.isMimeType("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        attachment |= walk(child, body);
                    }
                }
                return attachment;
            }
            if (part.isMimeType("message/rfc822") || Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
                return true;
            }
            boolean named = hasFileName(part);
            if (!named && part.isMimeType("text/plain") && body.text == null) {
                body.text = text(part);
            } else if (!named && part.isMimeType("text/html") && body.html == null) {
                body.html = text(part);
            } else {
                // Outlook lists named parts as attachments, except inline ones (images shown in the body)
                return named && !Part.INLINE.equalsIgnoreCase(disposition);
            }
        } catch (IOException e) {
            // An undecodable part is skipped, as Exchange shows what it can.
        }
        return attachment;
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static boolean hasFileName(Part part) {
        try {
            return part.getFileName() != null;
        } catch (MessagingException e) {
            return false;
        }
    }

    private static String text(Part part) throws IOException, MessagingException {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        return new String(part.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String decodedSubject(MimeMessage message) {
        try {
            String subject = message.getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return header(message, "Subject").orElse("");
        }
    }

    private static Optional<String> header(MimeMessage message, String name) {
        try {
            return Optional.ofNullable(message.getHeader(name, ","));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static List<EmailAddress> addresses(MimeMessage message, String headerName) {
        Optional<String> header = header(message, headerName);
        if (header.isEmpty()) {
            return List.of();
        }
        try {
            List<EmailAddress> result = new ArrayList<>();
            for (Address address : InternetAddress.parseHeader(header.get(), false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    String name = internet.getPersonal() != null ? internet.getPersonal() : internet.getAddress();
                    result.add(new EmailAddress(name, internet.getAddress()));
                }
            }
            return List.copyOf(result);
        } catch (AddressException e) {
            return List.of();
        }
    }

    private static Optional<Instant> sentDate(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getSentDate()).map(date -> date.toInstant());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static String importance(MimeMessage message) {
        String importance = header(message, "Importance").orElse("").trim().toLowerCase(Locale.ROOT);
        if (importance.equals("high") || importance.equals("low")) {
            return importance;
        }
        String priority = header(message, "X-Priority").orElse("").trim();
        if (priority.startsWith("1") || priority.startsWith("2")) {
            return "high";
        }
        if (priority.startsWith("4") || priority.startsWith("5")) {
            return "low";
        }
        return "normal";
    }

    /** The thread root: first References id, else In-Reply-To, else the message's own id, else its subject. */
    private static String conversationSeed(MimeMessage message, Optional<String> messageId) {
        Optional<String> references = header(message, "References").map(String::trim).filter(r -> !r.isEmpty())
                .map(r -> r.split("\\s+")[0]);
        return references.or(() -> header(message, "In-Reply-To").map(String::trim)).or(() -> messageId)
                .orElseGet(() -> decodedSubject(message));
    }

    private static String preview(String text) {
        String collapsed = text.replaceAll("\\s+", " ").trim();
        return collapsed.length() <= PREVIEW_LENGTH ? collapsed : collapsed.substring(0, PREVIEW_LENGTH);
    }

    private static String stripTags(String html) {
        return html.replaceAll("(?is)<(style|script)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    /** A stable conversation id for all messages of one thread. */
    public String conversationId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(conversationSeed.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return GraphIds.conversationId(Arrays.copyOf(digest, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
