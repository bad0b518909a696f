package io.exchangebridge.smtp.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** For tests that stop PostgreSQL: fails fast when no connection can be had, so they do not wait out the default. */
public class ShortDatabaseAcquisition implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "PT2S");
    }
}
