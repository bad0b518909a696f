package io.exchangebridge.simulator.smtp;

import static io.exchangebridge.simulator.smtp.SmtpFixture.ALICE;
import static io.exchangebridge.simulator.smtp.SmtpFixture.BOB;
import static io.exchangebridge.simulator.smtp.SmtpFixture.SHARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.limits.SendingLimits;

/** Exchange's recipient limits over SMTP, with Angus Mail as the client and a raw client for the exact replies. */
class SmtpRecipientLimitsTest {

    private SmtpFixture smtp;
    private Session mail;
    private SendingLimits limits;

    @BeforeEach
    void start() throws Exception {
        smtp = new SmtpFixture();
        mail = AngusMail.session(smtp.server);
        limits = smtp.server.limits();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    @Test
    void recipientsBeyondOneMessagesLimitAreRefusedAtRcptTo() throws Exception {
        limits.recipientsPerMessage(2);
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            assertThat(client.send("MAIL FROM:<" + ALICE + ">")).startsWith("250");
            assertThat(client.send("RCPT TO:<" + BOB + ">")).startsWith("250 2.1.5");
            assertThat(client.send("RCPT TO:<" + SHARED + ">")).startsWith("250 2.1.5");

            assertThat(client.send("RCPT TO:<third@fabrikam.example>")).isEqualTo("452 4.5.3 Too many recipients");
        }
        MimeMessage message = AngusMail.simple(mail, ALICE, BOB, "to three");
        message.addRecipients(Message.RecipientType.CC, "carol@fabrikam.example, dave@fabrikam.example");

        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), message))
                .isInstanceOf(MessagingException.class)
                .satisfies(e -> assertThat(chain(e)).contains("452 4.5.3 Too many recipients"));
        assertThat(smtp.server.outbox().messages(ALICE)).isEmpty();
        assertThat(limits.recipientsSent(ALICE)).isZero();
    }

    @Test
    void aMailboxOverItsRecipientsPerDayIsRefusedAtTheEndOfData() throws Exception {
        limits.recipientsPerDay(3);
        MimeMessage first = AngusMail.simple(mail, ALICE, BOB, "two recipients");
        first.addRecipients(Message.RecipientType.CC, SHARED);
        AngusMail.send(mail, ALICE, smtp.aliceToken(), first);
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(2);
        MimeMessage second = AngusMail.simple(mail, ALICE, BOB, "two more");
        second.addRecipients(Message.RecipientType.BCC, "carol@fabrikam.example");

        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), second))
                .isInstanceOf(MessagingException.class).satisfies(e -> assertThat(chain(e)).contains(
                        "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process"
                                + " message due to a permanent exception with message [BeginDiagnosticData]Cannot"
                                + " submit message."));
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(1);
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(2);
        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "one fits"));
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(3);
        assertThat(smtp.log.records()).anyMatch(r -> r.endpoint().equals("smtp.data") && r.status() == 554);
    }

    @Test
    void theTenantsExternalRecipientRateIsSharedByItsMailboxes() throws Exception {
        limits.externalRecipientsPerDay(2);
        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, "x@fabrikam.example", "1"));
        AngusMail.send(mail, SHARED, smtp.appToken(), AngusMail.simple(mail, SHARED, "y@fabrikam.example", "2"));

        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE,
                "z@fabrikam.example", "3"))).isInstanceOf(MessagingException.class)
                .satisfies(e -> assertThat(chain(e)).contains("550 5.7.233 Your message can't be sent because your"
                        + " tenant has exceeded its daily limit for sending email to external recipients"));
        AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "internal still goes"));
        assertThat(smtp.server.outbox().messages(ALICE)).hasSize(2);
        assertThat(limits.externalRecipientsSent(SmtpFixture.CONTOSO)).isEqualTo(2);
    }

    @Test
    void theMessagesPerMinutePacingStaysAsItWas() throws Exception {
        smtp.server.faults().sendingLimit(true);
        for (int i = 0; i < smtp.server.settings().messagesPerMinute(); i++) {
            AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB, "m" + i));
        }

        assertThatThrownBy(() -> AngusMail.send(mail, ALICE, smtp.aliceToken(), AngusMail.simple(mail, ALICE, BOB,
                "one too many"))).satisfies(e -> assertThat(chain(e)).contains("432 4.3.2 STOREDRV.ClientSubmit"));
        assertThat(limits.recipientsSent(ALICE)).isEqualTo(smtp.server.settings().messagesPerMinute());
    }

    /** The messages of an exception and its nested ones: Angus Mail keeps the server's reply in them. */
    private static String chain(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException()
                : t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            if (messages.size() > 10) {
                break;
            }
        }
        return String.join(" | ", messages);
    }
}
