package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.smtp.SmtpFailure;

/** {@code kill -9} of each service at its worst moment, then a restart: nothing lost, nothing duplicated. */
class CrashRecoveryIT extends SystemTest {

    static final String APP = "crash-app";

    @BeforeAll
    static void registerCredential() {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), APP);
    }

    @Test
    void importServiceKilledInTheMiddleOfARun() {
        String upn = "crash-import@" + DemoTenant.DOMAIN;
        List<byte[]> seeded = Mailboxes.seeded(sim, upn, 3);
        BridgeSetup.addMailbox(stack.importAdmin(0), "crash-import", upn, APP, "MOVE");
        sim.mail().faults().slowNext(upn, 60, Duration.ofMillis(250));

        BridgeSetup.startImport(stack.importAdmin(0), "crash-import");
        BridgeSetup.await(() -> stack.importAdmin(0).get("/api/messages?mailbox=crash-import&limit=1000").expect(200)
                .json().path("items").size() >= 3 ? true : null, Duration.ofMinutes(2), "the first messages");
        stack.importer(0).kill();
        int storedAtCrash = stack.importAdmin(1).get("/api/messages?mailbox=crash-import&limit=1000").expect(200)
                .json().path("items").size();
        stack.restart(stack.importer(0));

        assertThat(storedAtCrash).isBetween(3, seeded.size() - 1);
        Outcomes.importedExactlyOnce(stack, 0, "crash-import", upn, seeded);
    }

    @Test
    void smtpServiceKilledWithAcceptedUndeliveredMail() throws Exception {
        String sender = "crash-relay@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, APP, sender, "SMTP");
        sim.smtp().faults().failNext(1000, SmtpFailure.MAILBOX_LOGON_FAILURE);
        try {
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                accepted.add(stack.relaySender(0).postJson("/api/messages",
                        Map.of("from", sender, "to", List.of(DemoTenant.BOB), "subject", "crash " + i, "text", "x"))
                        .expect(202).json().get("id").asText());
            }
            RelaySmtpClient smtp = stack.smtpClient(0);
            for (int i = 0; i < 2; i++) {
                accepted.add(RelaySmtpClient
                        .queuedId(smtp.send(smtp.textMessage(sender, DemoTenant.BOB, "crash smtp " + i, "x"))));
            }
            for (String id : accepted) {
                BridgeSetup.await(() -> stack.relayAdmin(0).get("/api/messages/" + id).expect(200).json()
                        .path("attempts").asInt() >= 1 ? true : null, Duration.ofMinutes(1), "a first attempt");
            }
            stack.relay(0).kill();
            stack.relay(1).kill();
            assertThat(sim.smtp().outbox().messages(sender)).isEmpty();
            sim.smtp().faults().reset();
            stack.restart(stack.relay(0));
            stack.restart(stack.relay(1));

            Outcomes.relayedExactlyOnce(stack, sender, accepted);
        } finally {
            sim.smtp().faults().reset();
            for (int i = 0; i < 2; i++) {
                if (!stack.relay(i).isRunning()) {
                    stack.restart(stack.relay(i));
                }
            }
        }
    }

    @Test
    void credentialServiceKilledDuringARefreshKeepsAValidRefreshToken() throws Exception {
        String upn = "crash-consent@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(upn).password(DemoTenant.PASSWORD);
        BridgeSetup.registerDelegatedCredential(stack.credentialAdmin(0), "crash-user");
        String authorize = stack.credentialAdmin(0).get("/api/credentials/crash-user/consent").expect(302)
                .header("Location").orElseThrow();
        URI callback = sim.signIn(authorize, upn, DemoTenant.PASSWORD, true);
        stack.credentialAdmin(0).anonymous().get(callback.getRawPath() + "?" + callback.getRawQuery()).expect(200);
        assertThat(stack.credentialAdmin(0).get("/api/credentials/crash-user").expect(200).json().path("status")
                .path("state").asText()).isEqualTo("ACTIVE");

        long refreshesBefore = refreshes(upn);
        sim.entraFaults().delayResponses(Duration.ofSeconds(4));
        try {
            CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> {
                try {
                    SharedStack.tokenClient(0).postJson("/api/credentials/crash-user/token",
                            Map.of("resource", "outlook"));
                } catch (RuntimeException expected) {
                    // the process is killed while this waits
                }
            });
            Outcomes.sleep(1500);
            stack.credential(0).kill();
            inFlight.join();
            // Entra did rotate the refresh token for the killed process, which never stored the new one
            BridgeSetup.await(() -> refreshes(upn) > refreshesBefore ? true : null, Duration.ofSeconds(30),
                    "the refresh to reach Entra");
        } finally {
            sim.entraFaults().delayResponses(Duration.ZERO);
            stack.restart(stack.credential(0));
        }

        for (String resource : List.of("outlook", "graph")) {
            JsonNode token = SharedStack.tokenClient(1)
                    .postJson("/api/credentials/crash-user/token", Map.of("resource", resource)).expect(200).json();
            SharedStack.rememberSecret(token.get("accessToken").asText());
            assertThat(sim.tokenVerifier().verify(token.get("accessToken").asText())).isNotNull();
        }
        assertThat(stack.credentialAdmin(0).get("/api/credentials/crash-user").expect(200).json().path("status")
                .path("state").asText()).isEqualTo("ACTIVE");
    }

    private static long refreshes(String upn) {
        return sim.requestLog().count(r -> r.protocol().equals("entra") && r.endpoint().equals("token")
                && "refresh_token".equals(r.detail()) && upn.equals(r.mailbox()));
    }
}
