package io.exchangebridge.smtp.listener;

import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.route;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.smtp.SmtpSubmission;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Angus Mail as a legacy client: STARTTLS + AUTH at the listener, then delivered through Exchange by XOAUTH2. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class ListenerTest {

    static final String T = RelayTestResource.TENANT;
    /** A dot alone on a line: dot-stuffed on both SMTP hops, and must come out unchanged. */
    static final String BODY = "Scan attached.\r\n.\r\nA line with only a dot above.\r\n";

    @Inject
    SmtpListener listener;

    @BeforeEach
    void routes() {
        route(T, "alice@" + T);
    }

    private Session session(boolean auth) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "localhost");
        p.setProperty("mail.smtp.port", String.valueOf(listener.port()));
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", "localhost"); // the listener's generated self-signed certificate
        p.setProperty("mail.smtp.auth", String.valueOf(auth));
        p.setProperty("mail.smtp.timeout", "10000");
        return Session.getInstance(p);
    }

    private MimeMessage message(Session session, String from) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("carol@example.com"));
        m.setRecipient(Message.RecipientType.BCC, new InternetAddress("audit@example.com"));
        m.setSubject("From the scanner");
        m.setText(BODY, "UTF-8");
        m.saveChanges();
        return m;
    }

    @Test
    void legacyClientSendsWithStartTlsAndAuthAndExchangeReceivesIt() throws Exception {
        Session session = session(true);
        MimeMessage m = message(session, "alice@" + T);
        Transport.send(m, "scanner", "test-relay-password");
        String messageId = m.getMessageID(); // Transport.send sets a new one

        SmtpSubmission arrived = awaitArrival(messageId);
        assertTrue(arrived.recipients().contains("audit@example.com"), "Bcc delivered");
        assertFalse(arrived.contentAsString().contains("audit@example.com"), "Bcc not in headers");
        String received = arrived.contentAsString();
        String receivedBody = received.substring(received.indexOf("\r\n\r\n") + 4);
        assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), receivedBody.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wrongPasswordIsRefused() {
        Session session = session(true);
        assertThrows(AuthenticationFailedException.class,
                () -> Transport.send(message(session, "alice@" + T), "scanner", "wrong"));
    }

    @Test
    void openRelayAttemptsAreRefused() throws Exception {
        Session session = session(true);
        MessagingException e = assertThrows(MessagingException.class,
                () -> Transport.send(message(session, "someone@gmail.com"), "scanner", "test-relay-password"));
        assertEquals(550, sendFailure(e).getReturnCode());
        assertTrue(sendFailure(e).getMessage().contains("5.7.1"));
    }

    @Test
    void mailWithoutAuthIsRefused() throws Exception {
        Session session = session(false);
        MessagingException e = assertThrows(MessagingException.class,
                () -> Transport.send(message(session, "alice@" + T)));
        assertEquals(530, sendFailure(e).getReturnCode());
    }

    @Test
    void authIsNotOfferedNorAcceptedBeforeTls() throws Exception {
        try (Socket socket = new Socket("localhost", listener.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220"));
            out.write("EHLO test\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder ehlo = new StringBuilder();
            String line;
            do {
                line = in.readLine();
                ehlo.append(line).append('\n');
            } while (line.startsWith("250-"));
            assertTrue(ehlo.toString().contains("STARTTLS"));
            assertTrue(ehlo.toString().contains("SIZE"));
            assertTrue(ehlo.toString().contains("8BITMIME"));
            assertTrue(ehlo.toString().contains("PIPELINING"));
            assertFalse(ehlo.toString().contains("AUTH"));
            String plain = Base64.getEncoder()
                    .encodeToString("\0scanner\0test-relay-password".getBytes(StandardCharsets.US_ASCII));
            out.write(("AUTH PLAIN " + plain + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("530"));
        }
    }

    private static SMTPSendFailedException sendFailure(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SMTPSendFailedException s) {
                return s;
            }
            t = t instanceof MessagingException me && me.getNextException() != null
                    ? me.getNextException()
                    : t.getCause();
        }
        throw new AssertionError("no SMTP failure in " + e);
    }
}
