package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.directory.Resources;

/** Two processes of every service on one PostgreSQL share the work: each message once, each token fetched once. */
class TwoInstancesIT extends SystemTest {

    /** An app of its own, so that its token requests can be counted in the simulator's request log. */
    static final String CLIENT_ID = "00000000-0000-4000-8000-0000000000a2";
    static final String SECRET = "twin-secret-not-for-production";

    @Test
    void bothInstancesImportAndRelayEveryMessageExactlyOnceWithOneTokenRequestPerResource() throws Exception {
        SharedStack.rememberSecret(SECRET);
        sim.tenant(DemoTenant.DOMAIN).app(CLIENT_ID).secret(SECRET, Instant.now().plus(Duration.ofDays(30)))
                .applicationRoles(Resources.GRAPH, "Mail.ReadWrite", "Mail.Send")
                .applicationRoles(Resources.OUTLOOK_365, "SMTP.SendAsApp");
        BridgeSetup.registerAppCredential(stack.credentialAdmin(0), "twin-app", CLIENT_ID, SECRET);

        // import: both instances start runs of both mailboxes at the same time
        Map<String, List<byte[]>> seeded = Map.of("twin-a", Mailboxes.seeded(sim, "twin-a@" + DemoTenant.DOMAIN, 2),
                "twin-b", Mailboxes.seeded(sim, "twin-b@" + DemoTenant.DOMAIN, 2));
        for (String account : seeded.keySet()) {
            BridgeSetup.addMailbox(stack.importAdmin(1), account, account + "@" + DemoTenant.DOMAIN, "twin-app",
                    "MOVE");
        }
        List<String[]> runs = new ArrayList<>();
        for (String account : seeded.keySet()) {
            for (int instance = 0; instance < 2; instance++) {
                runs.add(new String[]{account, String.valueOf(instance),
                        BridgeSetup.startImport(stack.importAdmin(instance), account)});
            }
        }
        Map<String, Integer> importedPerAccount = new java.util.HashMap<>();
        for (String[] run : runs) {
            JsonNode result = BridgeSetup.awaitRun(stack.importAdmin(Integer.parseInt(run[1])), run[2],
                    Duration.ofMinutes(3)).path("mailboxes").path(0);
            assertThat(result.path("status").asText()).as(result.toString()).isIn("SUCCEEDED", "SKIPPED");
            importedPerAccount.merge(run[0], result.path("imported").asInt(), Integer::sum);
        }
        for (var account : seeded.entrySet()) {
            assertThat(importedPerAccount.get(account.getKey())).isEqualTo(account.getValue().size());
            Outcomes.importedExactlyOnce(stack, 0, account.getKey(), account.getKey() + "@" + DemoTenant.DOMAIN,
                    account.getValue());
        }

        // relay: mail submitted to both instances, over REST and SMTP
        String sender = "twin-sender@" + DemoTenant.DOMAIN;
        sim.tenant(DemoTenant.DOMAIN).user(sender);
        BridgeSetup.addRoute(stack.relayAdmin(1), sender, "twin-app", sender, "SMTP");
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            accepted.add(stack.relaySender(i % 2)
                    .postJson("/api/messages",
                            Map.of("from", sender, "to", List.of(DemoTenant.BOB), "subject", "twin " + i, "text", "x"))
                    .expect(202).json().get("id").asText());
        }
        for (int i = 0; i < 4; i++) {
            RelaySmtpClient smtp = stack.smtpClient(i % 2);
            accepted.add(RelaySmtpClient
                    .queuedId(smtp.send(smtp.textMessage(sender, DemoTenant.BOB, "twin smtp " + i, "x"))));
        }
        Outcomes.relayedExactlyOnce(stack, sender, accepted);

        // one Entra call per resource (Graph for both importers, Outlook for both relays), across all instances
        long tokenRequests = sim.requestLog().count(r -> r.protocol().equals("entra") && r.endpoint().equals("token")
                && CLIENT_ID.equals(r.appId()));
        assertThat(tokenRequests).isEqualTo(2);
    }
}
