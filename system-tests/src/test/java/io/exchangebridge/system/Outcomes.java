package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.ExchangeSimulator;

/** The "nothing lost, nothing duplicated" checks every fault test ends with. */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * Runs imports of the account until one SUCCEEDS (a run after a crash may find the dead holder's lease, or a Graph
     * outage may outlast the retries), then checks that import-service holds exactly the seeded messages, once each,
     * byte-exact, and that the simulated mailbox kept each message once (moved, not copied).
     */
    static void importedExactlyOnce(BridgeStack stack, int instance, String account, String upn,
            List<byte[]> seeded) {
        BridgeSetup.await(() -> {
            JsonNode run = BridgeSetup.awaitRun(stack.importAdmin(instance),
                    BridgeSetup.startImport(stack.importAdmin(instance), account), Duration.ofMinutes(2));
            boolean done = run.path("mailboxes").path(0).path("status").asText().equals("SUCCEEDED");
            if (!done) {
                sleep(1000);
            }
            return done ? run : null;
        }, Duration.ofMinutes(4), "a successful import of " + account);
        assertThat(Mailboxes.encoded(Mailboxes.imported(stack.importAdmin(instance), account).values()))
                .containsExactlyInAnyOrderElementsOf(Mailboxes.encoded(seeded));
        ExchangeSimulator sim = stack.simulator();
        assertThat(sim.mail().mailbox(upn).messages("inbox")).isEmpty();
        assertThat(sim.mail().mailbox(upn).allMessages()).hasSize(seeded.size());
    }

    /**
     * Waits until every accepted outbox message is SENT, then checks that the simulated Exchange received each exactly
     * once (by Message-ID) and nothing else from that mailbox.
     */
    static void relayedExactlyOnce(BridgeStack stack, String mailbox, List<String> acceptedIds) {
        List<String> messageIds = acceptedIds.stream()
                .map(id -> BridgeSetup.awaitDelivered(stack.relayAdmin(0), id, Duration.ofMinutes(3)))
                .peek(m -> assertThat(m.path("status").asText()).as(m.toString()).isEqualTo("SENT"))
                .map(m -> bare(m.path("messageId").asText())).toList();
        List<String> delivered = stack.simulator().smtp().outbox().messages(mailbox).stream()
                .map(s -> bare(s.messageId())).toList();
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(messageIds);
    }

    private static String bare(String messageId) {
        return messageId == null ? "" : messageId.replaceAll("^<|>$", "");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
