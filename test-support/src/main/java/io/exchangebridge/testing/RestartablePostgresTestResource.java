package io.exchangebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

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
        running = EmbeddedPostgres.start(dataDirectory.resolve("data"), 0);
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
            running = EmbeddedPostgres.start(dataDirectory.resolve("data"), port);
        }
    }

    /**
     * Restarts the server while the application's pool holds idle connections, which the restart breaks, waits longer
     * than the applications' foreground validation interval (1 s), and then checks that every one of more requests than
     * there were pooled connections answers {@code expectedStatus}: a pool that hands broken connections out again
     * fails the first requests after a restart.
     */
    public static void assertEveryRequestServedAfterRestart(DataSource pool, IntSupplier request, int expectedStatus) {
        int pooled = 6;
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < pooled; i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fill the connection pool", e);
        }
        stopDatabase();
        startDatabase();
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int i = 1; i <= pooled + 2; i++) {
            int status = request.getAsInt();
            if (status != expectedStatus) {
                throw new AssertionError("Request " + i + " after the restart answered " + status + ", not "
                        + expectedStatus);
            }
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
