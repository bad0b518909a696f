package io.exchangebridge.simulator.smtp;

import static io.exchangebridge.simulator.smtp.SmtpFixture.ALICE;
import static io.exchangebridge.simulator.smtp.SmtpFixture.BOB;
import static io.exchangebridge.simulator.smtp.SmtpFixture.CONTOSO;
import static io.exchangebridge.simulator.smtp.SmtpFixture.EVE;
import static io.exchangebridge.simulator.smtp.SmtpFixture.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.log.RequestRecord;
import io.exchangebridge.simulator.testmail.TestMail;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;

/** A real client (Jakarta/Angus Mail) against the simulated Exchange: AUTH XOAUTH2 over STARTTLS, then DATA. */
class AngusMailSmtpTest {

    private SmtpFixture smtp;
    private Session mail;

    @BeforeEach
    void start() throws Exception {
        smtp = new SmtpFixture();
        mail = AngusMail.session(smtp.server);
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void storesEveryCorpusMessageByteExactWithItsEnvelope() throws Exception {
        List<TestMailSample> corpus = TestMailCorpus.standard(5);
        for (TestMailSample sample : corpus) {
            MimeMessage message = AngusMail.message(mail, sample.mail().toByteArray());
            message.setRecipients(Message.RecipientType.BCC, "hidden@external.example");
            byte[] sent = AngusMail.send(mail, ALICE, smtp.aliceToken(), message);
            SmtpSubmission stored = smtp.server.outbox().awaitMessages(ALICE, 1, Duration.ofSeconds(5)).getLast();
            assertThat(stored.content()).as(sample.name()).isEqualTo(sent);
            assertThat(stored.contentAsString()).as("Bcc is envelope only").doesNotContain("hidden@external.example");
            assertThat(stored.recipients()).as(sample.name()).contains(BOB, "hidden@external.example");
        }
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(corpus.size());
        SmtpSubmission first = smtp.server.outbox().messages(ALICE).get(0);
        assertThat(first.mailFrom()).isEqualTo(ALICE);
        assertThat(first.appId()).isEqualTo(TestTokens.APP_ID);
        assertThat(first.contentAsString()).contains("\r\n.leading dot line\r\n");
    }

    @Test
    void applicationTokenMaySendAsAnyMailboxOfItsTenant() throws Exception {
        AngusMail.send(mail, SHARED, smtp.appToken(), AngusMail.simple(mail, SHARED, BOB, "from the app"));
        assertThat(smtp.server.outbox().messages(SHARED)).hasSize(1);
        assertThatThrownBy(() -> AngusMail.send(mail, EVE, smtp.appToken(), AngusMail.simple(mail, EVE, BOB, "x")))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.3");
    }

    @Test
    void delegatedTokenMayAuthenticateAsASharedMailboxItHasSendAsOn() throws Exception {
        AngusMail.send(mail, SHARED, smtp.aliceToken(), AngusMail.simple(mail, SHARED, BOB, "for the team"));
        assertThat(smtp.server.outbox().messages(SHARED)).singleElement()
                .satisfies(s -> assertThat(s.mailFrom()).isEqualTo(SHARED));
        String bobToken = smtp.tokens.delegated(CONTOSO, BOB, TestTokens.OUTLOOK, "SMTP.Send",
                Instant.now().plus(Duration.ofHours(1)));
        assertThatThrownBy(() -> AngusMail.send(mail, SHARED, bobToken, AngusMail.simple(mail, SHARED, BOB, "x")))
                .hasMessageContaining("535 5.7.3");
    }

    @Test
    void wrongExpiredOrMisdirectedTokensGet535573() throws Exception {
        Instant later = Instant.now().plus(Duration.ofHours(1));
        List<String> refused = List.of("not-a-jwt",
                smtp.tokens.delegated(CONTOSO, ALICE, TestTokens.OUTLOOK, "SMTP.Send", Instant.now().minusSeconds(60)),
                smtp.tokens.delegated(CONTOSO, ALICE, TestTokens.GRAPH, "Mail.Send", later),
                smtp.tokens.delegated(CONTOSO, ALICE, TestTokens.OUTLOOK, "IMAP.AccessAsUser.All", later),
                smtp.tokens.delegated(CONTOSO, BOB, TestTokens.OUTLOOK, "SMTP.Send", later),
                smtp.tokens.application(CONTOSO, TestTokens.OUTLOOK_365, List.of("Mail.Send"), later));
        for (String token : refused) {
            assertThatThrownBy(() -> AngusMail.send(mail, ALICE, token, AngusMail.simple(mail, ALICE, BOB, "x")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("535 5.7.3 Authentication unsuccessful [SIM01PR00CA0001");
        }
        assertThat(smtp.server.outbox().all()).isEmpty();
        assertThat(smtp.log.count("smtp", "smtp.auth")).isEqualTo(refused.size());
        assertThat(smtp.log.records()).allSatisfy(r -> {
            assertThat(r.detail()).doesNotContain("eyJ");
            assertThat(r.mailbox()).doesNotContain("eyJ");
        });
    }

    @Test
    void smtpAuthDisabledForTheTenantOrTheMailboxGets5139() throws Exception {
        smtp.server.faults().smtpAuthForTenant(CONTOSO, false);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .hasMessageContaining("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled"
                        + " for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [");
        smtp.server.faults().smtpAuthForTenant(CONTOSO, true).smtpAuthForMailbox(ALICE, false);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .hasMessageContaining("SmtpClientAuthentication is disabled for the Mailbox. Visit");
        smtp.server.faults().smtpAuthForMailbox(ALICE, true);
        smtp.directory.smtpAuthEnabled(ALICE, false);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .hasMessageContaining("535 5.7.139");
        smtp.directory.smtpAuthEnabled(ALICE, true);
        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "enabled again"));
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(1);
    }

    @Test
    void sendingAsAnotherMailboxIsRefusedOnlyAtTheEndOfData() throws Exception {
        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, BOB, BOB, "x")))
                .hasMessageContaining("554 5.2.252 SendAsDenied; " + ALICE + " not allowed to send as " + BOB
                        + "; STOREDRV.Submission.Exception:SendAsDeniedException");
        assertThat(smtp.log.records()).filteredOn(r -> r.endpoint().startsWith("smtp.") && r.status() != 235)
                .extracting(RequestRecord::endpoint, RequestRecord::status)
                .containsExactly(tuple("smtp.mail", 250),
                        tuple("smtp.data", 554));

        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, SHARED, BOB, "granted send as"));
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(1);

        smtp.server.faults().denySendAs(ALICE, true);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, SHARED, BOB, "denied")))
                .hasMessageContaining("554 5.2.252 SendAsDenied");
    }

    @Test
    void fromHeaderOfAnotherMailboxIsSendAsToo() throws Exception {
        MimeMessage spoofed = AngusMail.simple(mail, BOB, BOB, "header from bob");
        mail.getProperties().put("mail.smtp.from", ALICE);
        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), spoofed))
                .hasMessageContaining("not allowed to send as " + BOB);
        assertThat(spoofed.getFrom()).containsExactly(new InternetAddress(BOB));
    }

    @Test
    void transientFailuresHitTheNextMessagesThenDeliveryWorks() throws Exception {
        smtp.server.faults().failNext(1, SmtpFailure.MAILBOX_LOGON_FAILURE).failNext(1,
                SmtpFailure.SERVICE_NOT_AVAILABLE);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "1")))
                .hasMessageContaining("430 4.2.0 STOREDRV; mailbox logon failure;");
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "2")))
                .hasMessageContaining("421 4.3.2 Service not available");
        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "3"));
        assertThat(smtp.server.outbox().messages(ALICE)).singleElement()
                .satisfies(s -> assertThat(s.contentAsString()).contains("Subject: 3"));
        assertThat(smtp.log.records()).filteredOn(r -> r.endpoint().equals("smtp.data"))
                .extracting(RequestRecord::status).containsExactly(430, 421, 250);
    }

    @Test
    void droppedConnectionLeavesTheClientWithoutAnswerAndNothingStored() throws Exception {
        smtp.server.faults().failNext(1, SmtpFailure.DROP_CONNECTION);
        assertThatThrownBy(
                () -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "x")))
                .isInstanceOf(MessagingException.class);
        assertThat(smtp.server.outbox().all()).isEmpty();
        assertThatThrownBy(() -> smtp.server.outbox().awaitMessages(ALICE, 1, Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void messageBiggerThanTheAdvertisedSizeIsRefusedWith552() throws Exception {
        smtp.close();
        smtp = new SmtpFixture(SmtpSettings.defaults().withMaxMessageSize(4096));
        mail = AngusMail.session(smtp.server);
        MimeMessage big = AngusMail.message(mail, TestMailCorpus.byName(1, "attachment-1k").orElseThrow().mail()
                .toByteArray());
        MimeMessage bigger = AngusMail.message(mail,
                TestMail.builder(2).from(ALICE, "Alice").to(BOB)
                        .attachment("data.bin", "application/octet-stream", 8192).build().toByteArray());
        AngusMail.send(mail, ALICE, smtp.aliceToken(), big);
        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), bigger))
                .hasMessageContaining("552 5.3.4 Message size exceeds fixed maximum message size");
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(1);
    }

    @Test
    void sendingLimitAllowsThirtyMessagesPerMinuteThenAnswers432() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T20:00:00Z"));
        smtp.close();
        smtp = new SmtpFixture(SmtpSettings.defaults().withClock(clock));
        mail = AngusMail.session(smtp.server);
        smtp.server.faults().sendingLimit(true);
        String token = smtp.aliceToken();
        for (int i = 0; i < 30; i++) {
            AngusMail.send(mail, ALICE, token, AngusMail.simple(mail, ALICE, BOB, "n" + i));
        }
        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, token, AngusMail.simple(mail, ALICE, BOB, "31st")))
                .hasMessageContaining("432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded");
        clock.advance(Duration.ofSeconds(61));
        AngusMail.send(mail, ALICE, token, AngusMail.simple(mail, ALICE, BOB, "next minute"));
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(31);
    }
}
