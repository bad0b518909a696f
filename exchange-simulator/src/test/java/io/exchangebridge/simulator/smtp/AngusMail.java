package io.exchangebridge.simulator.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Jakarta Mail (Angus) configured the way an Exchange Online client is: port 587, STARTTLS required, XOAUTH2. */
final class AngusMail {

    private AngusMail() {
    }

    /** Angus always uses the one-line {@code AUTH XOAUTH2 <initial-response>} form for SMTP. */
    static Session session(ExchangeSmtpServer server) {
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.auth.mechanisms", "XOAUTH2");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        return Session.getInstance(props);
    }

    static MimeMessage message(Session session, byte[] raw) throws MessagingException {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
    }

    static MimeMessage simple(Session session, String from, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello from " + from);
        return message;
    }

    /** Sends over one connection as {@code user} with {@code token}; returns what the client put on the wire. */
    static byte[] send(Session session, String user, String token, MimeMessage message) throws Exception {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(user, token);
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        // Transport leaves Bcc (and Content-Length) out of what it sends
        message.writeTo(sent, new String[]{"Bcc", "Content-Length"});
        return sent.toByteArray();
    }
}
