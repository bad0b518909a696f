package io.exchangebridge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Test profile for tests that stop PostgreSQL ({@link RestartablePostgresTestResource}): fails fast when no connection
 * can be had, so they do not wait out the default.
 */
public class ShortDatabaseAcquisition implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
    }
}
