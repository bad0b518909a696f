package io.exchangebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Like {@link PostgresTestResource}, but the server keeps its data directory and port, so a fault test can stop it
 * ({@link #stopDatabase()}) and start it again ({@link #startDatabase()}) under the running application. Use with
 * {@code scope = TestResourceScope.RESTRICTED_TO_CLASS}: the test class owns the server.
 */
public class RestartablePostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Path dataDirectory;
    private static volatile int port;
    private static volatile EmbeddedPostgres running;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("restartable-postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = EmbeddedPostgres.start(dataDirectory.resolve("data"), 0, PostgresDurability.FAST);
        port = running.port();
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", running.jdbcUrl("app"),
                "quarkus.datasource.username", running.username(),
                "quarkus.datasource.password", running.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    /** Shuts the server down; the application's connections break and new ones are refused. */
    public static synchronized void stopDatabase() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Starts the server again on the same port with the same data. */
    public static synchronized void startDatabase() {
        if (running == null) {
            running = EmbeddedPostgres.start(dataDirectory.resolve("data"), port, PostgresDurability.FAST);
        }
    }

    @Override
    public void stop() {
        stopDatabase();
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a left-over temporary directory is harmless
            }
            dataDirectory = null;
        }
    }
}
