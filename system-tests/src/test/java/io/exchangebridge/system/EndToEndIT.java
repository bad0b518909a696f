package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.smtp.SmtpSubmission;

/**
 * The two paths through the system, every process real: Exchange → import-service → client, client → relay → Exchange.
 */
class EndToEndIT extends SystemTest {

    static final String APP = "e2e-app";

    @BeforeAll
    static void registerCredential() {
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), APP);
    }

    @Test
    void theSeededCorpusIsImportedAndFetchedBackByteExact() {
        String upn = "e2e-import@" + DemoTenant.DOMAIN;
        List<byte[]> seeded = Mailboxes.seeded(sim, upn, 1);
        BridgeSetup.addMailbox(stack.importAdmin(0), "e2e-import", upn, APP, "MOVE");

        JsonNode run = BridgeSetup.awaitRun(stack.importAdmin(0),
                BridgeSetup.startImport(stack.importAdmin(0), "e2e-import"), Duration.ofMinutes(3));

        assertThat(run.path("mailboxes").path(0).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("mailboxes").path(0).path("imported").asInt()).isEqualTo(seeded.size());
        // fetched by an internal client over the other instance: same database, same bytes
        Map<Long, byte[]> imported = Mailboxes.imported(stack.importAdmin(1), "e2e-import");
        assertThat(Mailboxes.encoded(imported.values()))
                .containsExactlyInAnyOrderElementsOf(Mailboxes.encoded(seeded));
        assertThat(sim.mail().mailbox(upn).messages("inbox")).isEmpty();
        assertThat(sim.mail().mailbox(upn).allMessages()).hasSize(seeded.size());
    }

    @Test
    void mailFromARealSmtpClientAndFromRestReachesTheExchangeMailbox() throws Exception {
        String sender = "e2e-relay@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(0), sender, APP, sender, "SMTP");
        RelaySmtpClient smtp = stack.smtpClient(0);

        String reply = smtp.send(smtp.textMessage(sender, DemoTenant.BOB, "e2e over SMTP", "Grüße über SMTP"));
        String restId = stack.relaySender(1).postJson("/api/messages", Map.of("from", sender, "to",
                List.of(DemoTenant.BOB), "bcc", List.of(DemoTenant.ALICE), "subject", "e2e over REST", "text", "hi"))
                .expect(202).json().get("id").asText();

        assertThat(reply).startsWith("250 2.0.0 OK queued as ");
        String smtpId = RelaySmtpClient.queuedId(reply);
        assertThat(BridgeSetup.awaitDelivered(stack.relayAdmin(0), smtpId, Duration.ofMinutes(2)).path("status")
                .asText()).isEqualTo("SENT");
        assertThat(BridgeSetup.awaitDelivered(stack.relaySender(0), restId, Duration.ofMinutes(2)).path("status")
                .asText()).isEqualTo("SENT");
        List<SmtpSubmission> delivered = sim.smtp().outbox().messages(sender);
        assertThat(delivered).hasSize(2);
        SmtpSubmission overSmtp = delivered.stream().filter(s -> s.contentAsString().contains("e2e over SMTP"))
                .findFirst().orElseThrow();
        assertThat(overSmtp.recipients()).containsExactly(DemoTenant.BOB);
        assertThat(overSmtp.mailFrom()).isEqualTo(sender);
        SmtpSubmission overRest = delivered.stream().filter(s -> s.contentAsString().contains("e2e over REST"))
                .findFirst().orElseThrow();
        assertThat(overRest.recipients()).containsExactlyInAnyOrder(DemoTenant.BOB, DemoTenant.ALICE);
        assertThat(overRest.contentAsString()).doesNotContainIgnoringCase("bcc:");
    }
}
