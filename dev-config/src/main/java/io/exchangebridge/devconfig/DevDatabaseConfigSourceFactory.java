package io.exchangebridge.devconfig;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In Quarkus dev mode only, and only when no {@code quarkus.datasource.jdbc.url} is configured: points the default
 * datasource at an embedded PostgreSQL started by test-support's {@code DevPostgres}. So
 * {@code ./mvnw quarkus:dev -pl credential-service} works with a JDK alone.
 *
 * <p> Quarkus registers config source factories at build time, so this class ships in every packaged service; there it
 * returns nothing. It reaches test-support by reflection because the packaged service leaves that optional module (and
 * its 100 MB of PostgreSQL binaries) out.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final String DEV_POSTGRES = "io.exchangebridge.testing.DevPostgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev")) {
            return List.of();
        }
        ConfigValue url = context.getValue("quarkus.datasource.jdbc.url");
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        ConfigValue app = context.getValue("quarkus.application.name");
        String application = app == null || app.getValue() == null ? "app" : app.getValue();
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", startDevDatabase(application),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-dev-postgres", 500));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(500);
    }

    private static String startDevDatabase(String application) {
        try {
            return (String) Class.forName(DEV_POSTGRES, true, Thread.currentThread().getContextClassLoader())
                    .getMethod("jdbcUrl", String.class)
                    .invoke(null, application);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Dev mode without DB_URL needs the test-support module on the class path "
                    + "to start an embedded PostgreSQL; set DB_URL to use your own database", e);
        }
    }
}
