package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.graph.RetryAfter;
import io.exchangebridge.simulator.smtp.SmtpFailure;

/** Graph, Entra ID and Exchange SMTP fail for a while, or at random: the system waits, retries, loses nothing. */
class MicrosoftOutageIT extends SystemTest {

    @BeforeAll
    static void registerCredential() {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), "outage-app");
    }

    @AfterEach
    void clearFaults() {
        sim.mail().faults().clear();
        sim.entraFaults().clear();
        sim.smtp().faults().reset();
    }

    @Test
    void graphOutageThenBack() {
        String upn = "outage-graph@" + DemoTenant.DOMAIN;
        List<byte[]> seeded = Mailboxes.seeded(sim, upn, 1);
        BridgeSetup.addMailbox(stack.importAdmin(0), "outage-graph", upn, "outage-app", "MOVE");
        sim.mail().faults().failNext(upn, 12, 503);

        Outcomes.importedExactlyOnce(stack, 0, "outage-graph", upn, seeded);
        assertThat(sim.mail().faults().pending(upn)).isZero();
    }

    @Test
    void entraOutageThenBack() {
        String upn = "outage-entra@" + DemoTenant.DOMAIN;
        List<byte[]> seeded = Mailboxes.seeded(sim, upn, 1);
        // a credential of its own, so that it has no token yet and must ask Entra during the outage
        BridgeSetup.registerAppCredential(stack.credentialAdmin(1), "outage-entra-app");
        // the outage starts before anyone has a token: the account's creation already asks for one (and may be
        // refused while Entra is down), then the imports
        sim.entraFaults().failNextTokenRequests(3, 503);
        BridgeSetup.await(() -> {
            BridgeSetup.addMailbox(stack.importAdmin(1), "outage-entra", upn, "outage-entra-app", "MOVE");
            return true;
        }, Duration.ofMinutes(1), "the mailbox account to be saved");

        Outcomes.importedExactlyOnce(stack, 1, "outage-entra", upn, seeded);
        int unused = 0;
        while (sim.entraFaults().takeTokenFailure().isPresent()) {
            unused++;
        }
        assertThat(unused).as("failures left: the token requests must have met the outage").isLessThan(3);
    }

    @Test
    void exchangeSmtpOutageThenBack() throws Exception {
        String sender = "outage-smtp@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, "outage-app", sender, "SMTP");
        sim.smtp().faults().failNext(5, SmtpFailure.SERVICE_NOT_AVAILABLE);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(stack.relaySender(i % 2).postJson("/api/messages",
                    Map.of("from", sender, "to", List.of(DemoTenant.BOB), "subject", "outage " + i, "text", "x"))
                    .expect(202).json().get("id").asText());
        }
        RelaySmtpClient smtp = stack.smtpClient(1);
        accepted.add(RelaySmtpClient.queuedId(smtp.send(smtp.textMessage(sender, DemoTenant.BOB, "outage smtp", "x"))));

        Outcomes.relayedExactlyOnce(stack, sender, accepted);
    }

    @Test
    void twentyPercentRandom429And5xxFromGraphForAWholeRun() {
        String upn = "outage-random@" + DemoTenant.DOMAIN;
        List<byte[]> seeded = Mailboxes.seeded(sim, upn, 2);
        BridgeSetup.addMailbox(stack.importAdmin(0), "outage-random", upn, "outage-app", "MOVE");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        // after each request Graph saw for this mailbox, the next one fails with probability 0.2
        Thread injector = Thread.ofVirtual().start(() -> {
            Random random = new Random(20);
            long seen = 0;
            while (running.get()) {
                long now = sim.requestLog().count(r -> r.protocol().equals("graph") && upn.equals(r.mailbox()));
                for (; seen < now; seen++) {
                    if (random.nextInt(100) < 20 && sim.mail().faults().pending(upn) == 0) {
                        switch (random.nextInt(4)) {
                            case 0 -> sim.mail().faults().throttleNext(upn, 1, RetryAfter.seconds(1));
                            case 1 -> sim.mail().faults().failNext(upn, 1, 503);
                            case 2 -> sim.mail().faults().failNext(upn, 1, 504);
                            default -> sim.mail().faults().throttleNext(upn, 1, RetryAfter.missing());
                        }
                        injected.incrementAndGet();
                    }
                }
                Outcomes.sleep(5);
            }
        });
        try {
            Outcomes.importedExactlyOnce(stack, 0, "outage-random", upn, seeded);
        } finally {
            running.set(false);
            injector.interrupt();
        }
        assertThat(injected.get()).isGreaterThan(5);
        assertThat(sim.requestLog().count(r -> upn.equals(r.mailbox()) && r.status() >= 429)).isPositive();
    }
}
