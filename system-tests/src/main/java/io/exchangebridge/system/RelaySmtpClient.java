package io.exchangebridge.system;

import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A legacy SMTP client of the relay's listener: Angus Mail with STARTTLS required and AUTH. The relay's certificate is
 * self-signed in the local stack, so it is trusted for {@code localhost} only.
 */
public final class RelaySmtpClient {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public RelaySmtpClient(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", host);
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        return Session.getInstance(props);
    }

    /**
     * Sends one message and answers the relay's final reply ({@code 250 2.0.0 OK queued as <id>}).
     *
     * @throws MessagingException
     *             when the relay refuses it
     */
    public String send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        return sendAsIs(message);
    }

    /**
     * Sends a message without {@code saveChanges()}: one read from bytes goes out with its own headers and body, byte
     * for byte (Bcc left out, dot-stuffed on the wire only), as a legacy client that hands over finished MIME does.
     */
    public String sendAsIs(MimeMessage message) throws MessagingException {
        try (SMTPTransport transport = (SMTPTransport) message.getSession().getTransport("smtp")) {
            transport.connect(host, port, user, password);
            Address[] recipients = message.getAllRecipients();
            transport.sendMessage(message, recipients);
            return transport.getLastServerResponse();
        }
    }

    /** A plain text message built in this client's session. */
    public MimeMessage textMessage(String from, String to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(from));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        return message;
    }

    /** The outbox id in a {@code 250 2.0.0 OK queued as <id>} reply. */
    public static String queuedId(String reply) {
        int at = reply.indexOf("queued as ");
        return at < 0 ? null : reply.substring(at + "queued as ".length()).trim().split("\\s")[0];
    }
}
