package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.exchangebridge.simulator.DemoTenant;

/** PostgreSQL stopped and started again while mail is being submitted and imported. */
class PostgresRestartIT extends SystemTest {

    @Test
    void everyAcceptedMessageIsDeliveredAndEveryMessageImportedOnceAcrossARestart() {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), "pg-app");
        String sender = "pg-relay@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, "pg-app", sender, "SMTP");
        String upn = "pg-import@" + DemoTenant.DOMAIN;
        List<byte[]> seeded = Mailboxes.seeded(sim, upn, 2);
        BridgeSetup.addMailbox(stack.importAdmin(0), "pg-import", upn, "pg-app", "MOVE");
        sim.mail().faults().slowNext(upn, 40, Duration.ofMillis(200));

        List<String> accepted = new CopyOnWriteArrayList<>();
        List<Integer> refusals = new CopyOnWriteArrayList<>();
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicInteger acceptedAfterRestart = new AtomicInteger();
        // submits until three messages have been accepted after PostgreSQL is back (or gives up after 150)
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 150 && acceptedAfterRestart.get() < 3; i++) {
                boolean after = restarted.get();
                try {
                    ApiClient.Answer answer = stack.relaySender(i % 2).postJson("/api/messages",
                            Map.of("from", sender, "to", List.of(DemoTenant.BOB), "subject", "pg " + i, "text", "x"));
                    if (answer.status() == 202) {
                        accepted.add(answer.json().get("id").asText());
                        if (after) {
                            acceptedAfterRestart.incrementAndGet();
                        }
                    } else {
                        refusals.add(answer.status());
                    }
                } catch (RuntimeException e) {
                    refusals.add(0);
                }
                Outcomes.sleep(300);
            }
        });
        BridgeSetup.startImport(stack.importAdmin(0), "pg-import");
        Outcomes.sleep(2500);
        stack.restartPostgres(Duration.ofSeconds(3));
        restarted.set(true);
        load.join();

        // refused while the database was down is allowed (the client keeps the mail), but only with a 503 (Retry-After),
        // never a 500; accepted must arrive, once
        System.out.println("[pg-restart] accepted " + accepted.size() + ", refused with " + refusals);
        assertThat(refusals).as("answers while PostgreSQL was down").allMatch(status -> status == 503);
        assertThat(acceptedAfterRestart.get()).as("accepted after the restart").isEqualTo(3);
        Outcomes.relayedExactlyOnce(stack, sender, accepted);
        Outcomes.importedExactlyOnce(stack, 0, "pg-import", upn, seeded);
        for (ServiceProcess process : stack.processes()) {
            assertThat(process.isRunning()).as(process.name()).isTrue();
        }
    }
}
