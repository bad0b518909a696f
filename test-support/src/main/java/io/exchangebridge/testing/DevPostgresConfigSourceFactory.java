package io.exchangebridge.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In Quarkus dev mode only, and only when no {@code quarkus.datasource.jdbc.url} is configured: starts one embedded
 * PostgreSQL per JVM with its data under {@code .local/dev-postgres/{application}} (kept between runs) and points the
 * default datasource at it. So {@code ./mvnw quarkus:dev -pl credential-service} works with a JDK alone.
 */
public class DevPostgresConfigSourceFactory implements ConfigSourceFactory {

    /**
     * Dev mode reads configuration in more than one class loader; a system property, not a static field, makes sure the
     * JVM starts one server.
     */
    private static final String URL_PROPERTY = "exchangebridge.dev-postgres.url.";

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
        String name = app == null || app.getValue() == null ? "app" : app.getValue();
        String database = name.replaceAll("[^a-z0-9]", "_");
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(name, database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-dev-postgres", 500));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(500);
    }

    private static String jdbcUrl(String application, String database) {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY + application);
            if (url == null) {
                Path data = findProjectRoot().resolve(".local/dev-postgres").resolve(application);
                EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dev-postgres-stop"));
                url = server.jdbcUrl(database);
                System.setProperty(URL_PROPERTY + application, url);
            }
            return url;
        }
    }

    private static Path findProjectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (p.resolve("mvnw").toFile().exists()) {
                return p;
            }
        }
        return dir;
    }
}
