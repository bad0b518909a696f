package io.exchangebridge.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real PostgreSQL for {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} and points the application's
 * default datasource at it. Use with {@code @QuarkusTestResource(PostgresTestResource.class)} or
 * {@code @WithTestResource}.
 *
 * <p> Tests that need to stop the database (readiness DOWN, restart under load) get the running server from
 * {@link #current()}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedPostgres current;

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = EmbeddedPostgres.start();
        current = postgres;
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl("app"),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
        current = null;
    }

    /** The server started for the running test class, for fault tests. */
    public static EmbeddedPostgres current() {
        return current;
    }
}
