package io.exchangebridge.simulator.smtp;

import static io.exchangebridge.simulator.smtp.SmtpFixture.ALICE;
import static io.exchangebridge.simulator.smtp.SmtpFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exchange's dialogue on the wire: greeting, EHLO before and after TLS, AUTH forms, early and malformed commands. */
class ExchangeSmtpProtocolTest {

    private SmtpFixture smtp;

    @BeforeEach
    void start() throws Exception {
        smtp = new SmtpFixture();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void greetsAndAdvertisesLikeExchangeOfferingAuthOnlyAfterStartTls() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            assertThat(client.greeting).matches(
                    "220 SIM01PR00CA0001\\.outlook\\.office365\\.com Microsoft ESMTP MAIL Service ready at \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
            String plain = client.send("EHLO client.example");
            assertThat(plain.lines()).containsExactly("250-SIM01PR00CA0001.outlook.office365.com Hello [127.0.0.1]",
                    "250-SIZE 157286400", "250-PIPELINING", "250-DSN", "250-ENHANCEDSTATUSCODES", "250-STARTTLS",
                    "250-8BITMIME", "250-BINARYMIME", "250-CHUNKING", "250 SMTPUTF8");
            String secured = client.startTls(smtp.server.host(), smtp.server.port());
            assertThat(secured.lines()).contains("250-AUTH LOGIN XOAUTH2").doesNotContain("250-STARTTLS")
                    .contains("250-SIZE 157286400");
        }
    }

    @Test
    void authBeforeStartTlsIsAnUnrecognizedType() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            client.send("EHLO client.example");
            String reply = client.send("AUTH XOAUTH2 " + XOAuth2Response.encode(ALICE, smtp.aliceToken()));
            assertThat(reply).startsWith("504 5.7.4 Unrecognized authentication type [SIM01PR00CA0001.");
            assertThat(client.send("MAIL FROM:<" + ALICE + ">")).startsWith("530 5.7.57 Client not authenticated");
        }
        assertThat(smtp.log.count(r -> r.endpoint().equals("smtp.auth") && r.status() == 504)).isEqualTo(1);
    }

    @Test
    void xoauth2TwoLineFormAnswers334ThenAuthenticates() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            client.startTls(smtp.server.host(), smtp.server.port());
            assertThat(client.send("AUTH XOAUTH2")).isEqualTo("334 ");
            assertThat(client.send(XOAuth2Response.encode(ALICE, smtp.aliceToken())))
                    .isEqualTo("235 2.7.0 Authentication successful");
            assertThat(client.send("MAIL FROM:<" + ALICE + ">")).isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @Test
    void xoauth2OneLineFormAuthenticates() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            client.startTls(smtp.server.host(), smtp.server.port());
            assertThat(client.send("AUTH XOAUTH2 " + XOAuth2Response.encode(ALICE, smtp.aliceToken())))
                    .isEqualTo("235 2.7.0 Authentication successful");
        }
        assertThat(smtp.log.records()).filteredOn(r -> r.endpoint().equals("smtp.auth")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(235);
                    assertThat(r.mailbox()).isEqualTo(ALICE);
                    assertThat(r.appId()).isEqualTo(TestTokens.APP_ID);
                });
    }

    @Test
    void microsoftsTestVectorIsWellFormedButItsTokenIsRefused() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            client.startTls(smtp.server.host(), smtp.server.port());
            assertThat(client.send("AUTH XOAUTH2 " + XOAuth2ResponseTest.MS_ENCODED))
                    .startsWith("535 5.7.3 Authentication unsuccessful [SIM01PR00CA0001.outlook.office365.com ");
        }
    }

    @Test
    void malformedXOAuth2DataIs501() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            client.startTls(smtp.server.host(), smtp.server.port());
            assertThat(client.send("AUTH XOAUTH2 dXNlcj1hbGljZQ==")).isEqualTo("501 5.5.124 Invalid XOAUTH2 auth data");
            assertThat(client.send("AUTH XOAUTH2")).isEqualTo("334 ");
            assertThat(client.send("%%%")).isEqualTo("501 5.5.124 Invalid XOAUTH2 auth data");
        }
    }

    @Test
    void basicAuthLoginRunsItsDialogueThenIsRefused() throws Exception {
        try (RawSmtpClient client = smtp.raw()) {
            client.startTls(smtp.server.host(), smtp.server.port());
            assertThat(client.send("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(client.send("YWxpY2U=")).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(client.send("c2VjcmV0")).startsWith(
                    "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [SIM01PR00CA0001.");
        }
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMailFrom() throws Exception {
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            assertThat(client.send("MAIL FROM:<" + ALICE + "> SIZE=157286401"))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
            assertThat(client.send("MAIL FROM:<" + ALICE + "> SIZE=1000 BODY=8BITMIME"))
                    .isEqualTo("250 2.1.0 Sender OK");
        }
    }

    @Test
    void undeclaredOversizedMessageIsRefusedAfterItsData() throws Exception {
        smtp.close();
        smtp = new SmtpFixture(SmtpSettings.defaults().withMaxMessageSize(1000));
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            assertThat(client.send("EHLO client.example")).contains("250-SIZE 1000");
            client.send("MAIL FROM:<" + ALICE + ">");
            client.send("RCPT TO:<" + BOB + ">");
            assertThat(client.send("DATA")).isEqualTo("354 Start mail input; end with <CRLF>.<CRLF>");
            String big = "Subject: big\r\n\r\n" + "x".repeat(2000) + "\r\n.\r\n";
            assertThat(client.sendRaw(big.getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
        }
        assertThat(smtp.server.outbox().all()).isEmpty();
    }

    @Test
    void dotStuffedLinesArriveUnstuffedWithBccOnlyRecipientsInTheEnvelope() throws Exception {
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            assertThat(client.send("MAIL FROM:<Alice@Contoso.onmicrosoft.com>")).isEqualTo("250 2.1.0 Sender OK");
            assertThat(client.send("RCPT TO:<" + BOB + ">")).isEqualTo("250 2.1.5 Recipient OK");
            client.send("RCPT TO:<Hidden@External.example>");
            client.send("DATA");
            String reply = client.sendRaw(("From: " + ALICE + "\r\nTo: " + BOB
                    + "\r\nMessage-ID: <m1@contoso>\r\nSubject: dots\r\n\r\n..leading dot\r\nend\r\n.\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(reply).isEqualTo("250 2.0.0 OK <m1@contoso> [Hostname=SIM01PR00CA0001.outlook.office365.com]");
        }
        SmtpSubmission submission = smtp.server.outbox().messages(ALICE).get(0);
        assertThat(submission.mailFrom()).as("envelope kept as sent").isEqualTo("Alice@Contoso.onmicrosoft.com");
        assertThat(submission.recipients()).containsExactly(BOB, "Hidden@External.example");
        assertThat(submission.contentAsString()).endsWith("\r\n\r\n.leading dot\r\nend\r\n");
    }

    @Test
    void bdatChunksAreSubmittedLikeData() throws Exception {
        byte[] message = ("From: " + ALICE + "\r\nTo: " + BOB + "\r\nSubject: chunked\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            client.send("MAIL FROM:<" + ALICE + ">");
            client.send("RCPT TO:<" + BOB + ">");
            String reply = client
                    .sendRaw(concat(("BDAT " + message.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII),
                            message));
            assertThat(reply).startsWith("250 2.0.0 OK <");
        }
        assertThat(smtp.server.outbox().messages(ALICE)).singleElement()
                .satisfies(s -> assertThat(s.content()).isEqualTo(message));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void aFourthConcurrentConnectionOfAMailboxIsThrottledWhileTheFirstThreeSend() throws Exception {
        smtp.server.faults().sendingLimit(true);
        List<RawSmtpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(smtp.authenticated(ALICE, smtp.aliceToken()));
            }
            assertThat(submit(clients.get(3), "fourth")).isEqualTo(
                    "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=SIM01PR00CA0001.outlook.office365.com]");
            assertThat(submit(clients.get(0), "first")).startsWith("250 2.0.0 OK");
            assertThat(clients.get(0).send("QUIT")).startsWith("221 2.0.0");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(submit(clients.get(3), "fourth again")).startsWith("250 2.0.0 OK"));
        } finally {
            for (RawSmtpClient client : clients) {
                client.close();
            }
        }
    }

    private static String submit(RawSmtpClient client, String subject) throws Exception {
        client.send("MAIL FROM:<" + ALICE + ">");
        client.send("RCPT TO:<" + BOB + ">");
        client.send("DATA");
        return client.sendRaw(("Subject: " + subject + "\r\n\r\nhi\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
