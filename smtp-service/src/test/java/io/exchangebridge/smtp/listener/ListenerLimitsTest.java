package io.exchangebridge.smtp.listener;

import static io.exchangebridge.smtp.support.Api.awaitArrival;
import static io.exchangebridge.smtp.support.Api.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.smtp.SmtpSubmission;
import io.exchangebridge.smtp.support.RelayTestResource;
import io.exchangebridge.smtp.support.SmtpDialogue;
import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The listener with loopback as a trusted network (no AUTH needed) and a 4 KB message limit. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RelayTestResource.class)
@TestProfile(ListenerLimitsTest.TrustedLoopback.class)
class ListenerLimitsTest {

    static final String T = RelayTestResource.TENANT;
    static final int LIMIT = 4096;

    /** Loopback trusted, small messages only. */
    public static class TrustedLoopback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.listener.trusted-networks", "127.0.0.0/8,::1/128", "relay.max-message-size",
                    String.valueOf(LIMIT));
        }
    }

    @Inject
    SmtpListener listener;

    @Test
    void trustedNetworkSendsWithoutAuth() throws Exception {
        route(T, "alice@" + T);
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            smtp.startTls();
            assertEquals("250 Ok", smtp.send("MAIL FROM:<alice@" + T + ">"));
            assertEquals("250 Ok", smtp.send("RCPT TO:<carol@example.com>"));
            String reply = smtp.data("From: alice@" + T + "\r\nTo: carol@example.com\r\nSubject: trusted\r\n"
                    + "Message-ID: <trusted-1@example.com>\r\n\r\nfrom the printer room\r\n");
            assertTrue(reply.matches("250 2\\.0\\.0 OK queued as [0-9a-f-]{36}"), reply);
        }
        SmtpSubmission arrived = awaitArrival("<trusted-1@example.com>");
        assertTrue(arrived.contentAsString().contains("from the printer room"));
    }

    @Test
    void trustedClientsStillNeedStartTls() throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            smtp.send("EHLO client.test");
            assertEquals("530 Must issue a STARTTLS command first", smtp.send("MAIL FROM:<alice@" + T + ">"));
        }
    }

    @Test
    void declaredAndActualSizeAboveTheLimitGet552() throws Exception {
        route(T, "alice@" + T);
        try (SmtpDialogue smtp = new SmtpDialogue(listener.port())) {
            assertTrue(smtp.startTls().contains("SIZE " + LIMIT));
            assertEquals("552 5.3.4 Message size exceeds fixed limit",
                    smtp.send("MAIL FROM:<alice@" + T + "> SIZE=" + (LIMIT + 1)));
            // no SIZE declared: the data itself is too big
            assertEquals("250 Ok", smtp.send("MAIL FROM:<alice@" + T + ">"));
            assertEquals("250 Ok", smtp.send("RCPT TO:<carol@example.com>"));
            String big = "From: alice@" + T + "\r\nTo: carol@example.com\r\nSubject: big\r\n\r\n"
                    + ("x".repeat(76) + "\r\n").repeat(LIMIT / 78 + 1);
            assertEquals("552 5.3.4 Message size exceeds fixed maximum message size", smtp.data(big));
            // the session goes on
            assertEquals("250 Ok", smtp.send("MAIL FROM:<alice@" + T + ">"));
        }
    }
}
