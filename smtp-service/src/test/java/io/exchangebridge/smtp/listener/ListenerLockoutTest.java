package io.exchangebridge.smtp.listener;

import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.testing.PostgresTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Brute force at the listener with Angus Mail, the default limits (slowed from the 6th failure within 10 minutes, up to
 * 2 s; refused for 15 minutes at the 20th): 100 wrong passwords from 127.0.0.3 (PLAIN and LOGIN in turn) get 535 —
 * later ones late — and then 421 at the greeting; a connection of that address opened before gets 421 to AUTH and is
 * closed; meanwhile a correct client on 127.0.0.2 authenticates and sends at once. Counted as {@code smtp}.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
class ListenerLockoutTest {

    static final String T = RelayTestResource.TENANT;
    static final String ATTACKER = "127.0.0.3";
    static final String CLIENT = "127.0.0.2";
    static final String LOCKED_OUT = "421 4.7.0 Too many failed authentications from your address, try again in ";

    @Inject
    SmtpListener listener;

    @Inject
    MeterRegistry registry;

    /** What one attempt got: its reply class and how long it took. */
    record Attempt(String reply, long millis) {
    }

    @Test
    void wrongPasswordsAreRefusedAfterTheThresholdWhileAnotherAddressSendsWithoutDelay() throws Exception {
        route(T, "alice@" + T);
        double failures = count("bridge.auth.failures");
        double refusals = count("bridge.auth.refusals");
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        try (Socket early = new Socket(InetAddress.getLoopbackAddress(), listener.port(),
                InetAddress.getByName(ATTACKER), 0)) {
            early.setSoTimeout(10_000);
            BufferedReader earlyIn = new BufferedReader(
                    new InputStreamReader(early.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(earlyIn.readLine()).startsWith("220");

            CompletableFuture<Void> attack = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    attempts.add(attempt(i % 2 == 0 ? "PLAIN" : "LOGIN"));
                }
            });
            // the attacker is being slowed now: the correct client on another address is not
            await().atMost(Duration.ofMinutes(1)).until(() -> attempts.size() >= 10);
            Session session = session(CLIENT, "PLAIN");
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("alice@" + T));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("carol@example.com"));
            m.setSubject("Sent during an attack");
            m.setText("Hello", "UTF-8");
            m.saveChanges();
            long start = System.nanoTime();
            Transport.send(m, "scanner", "test-relay-password");
            long clientMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            attack.get(3, TimeUnit.MINUTES);

            assertThat(clientMillis).as("the correct client waited no slowed delay (max-delay 2 s)").isLessThan(2000);
            assertThat(awaitArrival(m.getMessageID()).recipients()).contains("carol@example.com");

            List<String> replies = attempts.stream().map(Attempt::reply).toList();
            assertThat(replies.subList(0, 20)).containsOnly("535");
            assertThat(replies.subList(20, 100)).containsOnly("421");
            // the first five failures are answered at once, the 20th only after the full max-delay (2 s)
            long fastest = attempts.subList(0, 5).stream().mapToLong(Attempt::millis).min().orElseThrow();
            assertThat(attempts.get(19).millis()).isGreaterThanOrEqualTo(2000)
                    .isGreaterThanOrEqualTo(fastest + 1500);
            assertThat(count("bridge.auth.failures") - failures).isEqualTo(20);
            assertThat(count("bridge.auth.refusals") - refusals).isGreaterThanOrEqualTo(80);

            // a connection of the refused address opened before the refusal: AUTH is refused, the connection closed
            OutputStream earlyOut = early.getOutputStream();
            earlyOut.write(("AUTH PLAIN " + Base64.getEncoder().encodeToString(
                    "\0scanner\0test-relay-password".getBytes(StandardCharsets.US_ASCII)) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            earlyOut.flush();
            assertThat(earlyIn.readLine()).startsWith(LOCKED_OUT).endsWith(" seconds");
            assertThat(earlyIn.readLine()).isNull();
        }
        // the correct password does not help the refused address either
        MessagingException refused = assertThrows(MessagingException.class,
                () -> Transport.send(message(session(ATTACKER, "PLAIN")), "scanner", "test-relay-password"));
        assertThat(refused.getMessage()).contains(LOCKED_OUT);
    }

    /** One connection from the attacker's address with a wrong password. */
    private Attempt attempt(String mechanism) {
        long start = System.nanoTime();
        String reply;
        try {
            Transport.send(message(session(ATTACKER, mechanism)), "scanner", "wrong");
            reply = "sent";
        } catch (AuthenticationFailedException e) {
            reply = "535";
        } catch (MessagingException e) {
            reply = String.valueOf(e.getMessage()).contains(LOCKED_OUT) ? "421" : "other: " + e;
        }
        return new Attempt(reply, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private Session session(String localAddress, String mechanism) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", InetAddress.getLoopbackAddress().getHostAddress());
        p.setProperty("mail.smtp.port", String.valueOf(listener.port()));
        p.setProperty("mail.smtp.localaddress", localAddress);
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", "*"); // the listener's generated self-signed certificate
        p.setProperty("mail.smtp.auth", "true");
        p.setProperty("mail.smtp.auth.mechanisms", mechanism);
        p.setProperty("mail.smtp.timeout", "10000");
        return Session.getInstance(p);
    }

    private static MimeMessage message(Session session) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("alice@" + T));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("carol@example.com"));
        m.setSubject("Guessing");
        m.setText("x", "UTF-8");
        m.saveChanges();
        return m;
    }

    private double count(String name) {
        var counter = registry.find(name).tag("protocol", "smtp").counter();
        return counter == null ? 0 : counter.count();
    }
}
