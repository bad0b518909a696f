package io.exchangebridge.system;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.exchangebridge.simulator.DemoTenant;
import io.exchangebridge.simulator.ExchangeSimulator;
import io.exchangebridge.simulator.testmail.TestMailCorpus;
import io.exchangebridge.simulator.testmail.TestMailSample;

/** Test mailboxes in the demo tenant, filled with the test-mail corpus, and what import-service made of them. */
final class Mailboxes {

    private Mailboxes() {
    }

    /** A new user mailbox holding {@code copies} corpora (16 messages each, different seeds); answers the MIME. */
    static List<byte[]> seeded(ExchangeSimulator sim, String upn, int copies) {
        sim.tenant(DemoTenant.DOMAIN).user(upn).password(DemoTenant.PASSWORD);
        List<byte[]> seeded = new ArrayList<>();
        for (int copy = 0; copy < copies; copy++) {
            for (TestMailSample sample : TestMailCorpus.standard(upn.hashCode() * 100_000L + copy * 1_000L)) {
                byte[] mime = sample.mail().toByteArray();
                sim.mail().mailbox(upn).add("inbox").mime(mime);
                seeded.add(mime);
            }
        }
        return seeded;
    }

    /** Every message import-service holds for a mailbox account, as {@code id -> raw bytes}, all pages. */
    static Map<Long, byte[]> imported(ApiClient importReader, String accountId) {
        Map<Long, byte[]> raw = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = importReader.get("/api/messages?mailbox=" + accountId + "&limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor)).expect(200).json();
            for (JsonNode message : page.path("items")) {
                long id = message.get("id").asLong();
                raw.put(id, importReader.get("/api/messages/" + id + "/raw").expect(200).body());
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return raw;
    }

    /** Base64 of each byte array: comparable values for multiset assertions. */
    static List<String> encoded(java.util.Collection<byte[]> messages) {
        return messages.stream().map(b -> Base64.getEncoder().encodeToString(b)).toList();
    }
}
