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
import io.exchangebridge.smtp.support.SmtpDialogue;
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
            assertEquals("530 Must issue a STARTTLS command first", in.readLine());
        }
    }

    private static final String ALICE = "alice@" + T;

    private static String mime(String from, String body) {
        return "From: " + from + "\r\nTo: carol@example.com\r\nSubject: raw dialogue\r\n\r\n" + body + "\r\n";
    }

    @Test
    void wrongPasswordGets535() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            assertEquals("535 Authentication credentials invalid", smtp.login("scanner", "wrong"));
            assertEquals("535 Authentication credentials invalid", smtp.send("AUTH PLAIN " + Base64
                    .getEncoder().encodeToString("\0nobody\0test-relay-password".getBytes(StandardCharsets.UTF_8))));
        }
    }

    @Test
    void mailFromWithoutAuthGets530AfterTls() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            assertTrue(smtp.startTls().contains("AUTH PLAIN LOGIN"));
            assertEquals("530 5.7.57 Client not authenticated to send mail", smtp.send("MAIL FROM:<" + ALICE + ">"));
        }
    }

    @Test
    void senderAndRecipientSyntaxAreChecked() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            assertEquals("235 Authentication successful.", smtp.login("scanner", "test-relay-password"));
            assertEquals("553 5.1.7 The null sender is not accepted here", smtp.send("MAIL FROM:<>"));
            assertEquals("553 <not an address> Invalid email address.", smtp.send("MAIL FROM:<not an address>"));
            assertEquals("553 5.1.3 Invalid sender address", smtp.send("MAIL FROM:<alice>"));
            assertEquals("501 Syntax: MAIL FROM: <address>  Error in parameters: \"" + ALICE + "\"",
                    smtp.send("MAIL " + ALICE));
            assertEquals("250 Ok", smtp.send("MAIL FROM:<" + ALICE + ">"));
            assertEquals("553 5.1.3 Invalid recipient address", smtp.send("RCPT TO:<carol>"));
            assertEquals("250 Ok", smtp.send("RCPT TO:<carol@example.com>"));
        }
    }

    @Test
    void declaredSizeAboveTheLimitGets552() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            smtp.login("scanner", "test-relay-password");
            assertEquals("552 5.3.4 Message size exceeds fixed limit",
                    smtp.send("MAIL FROM:<" + ALICE + "> SIZE=" + (26214400L + 1)));
        }
    }

    @Test
    void openRelayAttemptsGet550WithExactReplies() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            smtp.login("scanner", "test-relay-password");
            assertEquals("550 5.7.1 Client does not have permissions to send as this sender",
                    smtp.send("MAIL FROM:<boss@gmail.com>"));
            // envelope sender allowed, but the header From is someone else
            assertEquals("250 Ok", smtp.send("MAIL FROM:<" + ALICE + ">"));
            assertEquals("250 Ok", smtp.send("RCPT TO:<carol@example.com>"));
            assertEquals("550 5.7.1 Client does not have permissions to send as this sender",
                    smtp.data(mime("boss@gmail.com", "relay me")));
        }
    }

    @Test
    void malformedMessagesGet554AndMissingRecipientsGet503() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            smtp.login("scanner", "test-relay-password");
            smtp.send("MAIL FROM:<" + ALICE + ">");
            assertEquals("503 Error: need RCPT command", smtp.send("DATA"));
            smtp.send("RCPT TO:<carol@example.com>");
            String noFrom = smtp.data("To: carol@example.com\r\nSubject: no from\r\n\r\nbody\r\n");
            assertTrue(noFrom.startsWith("554 5.6.0 "), noFrom);
            assertTrue(noFrom.contains("From"), noFrom);
            // the refused message ended the transaction: a new one starts without RSET
            assertEquals("250 Ok", smtp.send("MAIL FROM:<" + ALICE + ">"));
            assertEquals("250 Ok", smtp.send("RCPT TO:<carol@example.com>"));
            String broken = smtp.data("From: " + ALICE + "\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed\r\n\r\nno boundary parameter\r\n");
            assertTrue(broken.startsWith("554 5.6.0 "), broken);
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
