package io.exchangebridge.simulator.smtp;

import static io.exchangebridge.simulator.smtp.SmtpFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exchange's idle timeout: a connection left waiting for the client's next command gets {@code 421 4.4.1 Connection
 * timed out. Total session duration: ...} and is closed; a connection in use is not; the timeout can be switched while
 * connections are open (as the relay's pool tests do) and {@code reset()} restores the configured one.
 */
class SmtpIdleTimeoutTest {

    private static final String TIMED_OUT = "421 4\\.4\\.1 Connection timed out\\. Total session duration: "
            + "\\d{2}:\\d{2}:\\d{2}\\.\\d{7}";

    private SmtpFixture smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void idleAuthenticatedConnectionIsAnswered421AndClosed() throws Exception {
        smtp = new SmtpFixture(SmtpSettings.defaults().withIdleTimeout(Duration.ofSeconds(1)));
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            long idleFrom = System.nanoTime();
            String unsolicited = client.reply(); // waits, without sending anything, for what the server says
            Duration idle = Duration.ofNanos(System.nanoTime() - idleFrom);

            assertThat(unsolicited).matches(TIMED_OUT);
            assertThat(idle).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(smtp.log.records()).filteredOn(r -> r.endpoint().equals("smtp.timeout")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(421);
                    assertThat(r.mailbox()).isEqualTo(ALICE);
                });
    }

    @Test
    void connectionBeforeTlsTimesOutToo() throws Exception {
        smtp = new SmtpFixture(SmtpSettings.defaults().withIdleTimeout(Duration.ofSeconds(1)));
        try (RawSmtpClient client = smtp.raw()) {
            assertThat(client.send("EHLO client.example")).startsWith("250-");
            assertThat(client.reply()).matches(TIMED_OUT);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionInUseIsNotTimedOut() throws Exception {
        smtp = new SmtpFixture(SmtpSettings.defaults().withIdleTimeout(Duration.ofSeconds(1)));
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            // a command every 400 ms for 3 s: never 1 s without one
            for (int i = 0; i < 8; i++) {
                Thread.sleep(400);
                assertThat(client.send("NOOP")).isEqualTo("250 2.0.0 OK");
            }
            assertThat(client.send("MAIL FROM:<" + ALICE + ">")).isEqualTo("250 2.1.0 Sender OK");
        }
        assertThat(smtp.log.count(r -> r.endpoint().equals("smtp.timeout"))).isZero();
    }

    @Test
    void timeoutSwitchedOnAppliesToOpenConnectionsAndResetRestoresTheConfiguredOne() throws Exception {
        smtp = new SmtpFixture();
        assertThat(smtp.server.faults().idleTimeout()).isEqualTo(SmtpSettings.EXCHANGE_IDLE_TIMEOUT);
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            smtp.server.faults().idleTimeout(Duration.ofMillis(500));
            assertThat(client.reply()).matches(TIMED_OUT);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(smtp.server.faults().snapshot()).containsEntry("idleTimeout", "PT0.5S");

        smtp.server.faults().reset();
        assertThat(smtp.server.faults().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        smtp.server.faults().idleTimeout(Duration.ZERO);
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            Thread.sleep(1200); // idle for longer than any timeout above: with ZERO nothing happens
            assertThat(client.send("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void mailFromTimeoutAnswers421AtMailFromAndCloses() throws Exception {
        smtp = new SmtpFixture();
        smtp.server.faults().timeOutAtNextMailFrom(1);
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            assertThat(client.send("MAIL FROM:<" + ALICE + ">")).matches(TIMED_OUT);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawSmtpClient client = smtp.authenticated(ALICE, smtp.aliceToken())) {
            assertThat(client.send("MAIL FROM:<" + ALICE + ">")).isEqualTo("250 2.1.0 Sender OK");
        }
        assertThat(smtp.log.count(r -> r.endpoint().equals("smtp.mail") && r.status() == 421)).isEqualTo(1);
    }

    @Test
    void replyShowsTheSessionAgeAsExchangeDoes() {
        assertThat(ExchangeReplies.connectionTimedOut(Duration.ofMinutes(5).plusNanos(705_466_100)))
                .isEqualTo("421 4.4.1 Connection timed out. Total session duration: 00:05:00.7054661");
    }
}
