package io.exchangebridge.smtp.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** No delivery workers in this instance: the test claims and records outcomes itself, as other relays would. */
public class NoWorkersProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("relay.outbox.workers", "0");
    }
}
