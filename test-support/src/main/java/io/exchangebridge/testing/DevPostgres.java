package io.exchangebridge.testing;

import java.nio.file.Path;

/**
 * The dev-mode database: one embedded PostgreSQL per JVM and application, its data under
 * {@code .local/dev-postgres/{application}} (kept between runs). Called reflectively by the dev-config module's config
 * source, so that packaged services never link to this module.
 */
public final class DevPostgres {

    /**
     * Dev mode reads configuration in more than one class loader; a system property, not a static field, makes sure the
     * JVM starts one server.
     */
    private static final String URL_PROPERTY = "exchangebridge.dev-postgres.url.";

    private DevPostgres() {
    }

    /** Starts the server on first use and answers the JDBC URL of the application's database. */
    public static String jdbcUrl(String application) {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY + application);
            if (url == null) {
                Path data = findProjectRoot().resolve(".local/dev-postgres").resolve(application);
                EmbeddedPostgres server = EmbeddedPostgres.start(data, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dev-postgres-stop"));
                url = server.jdbcUrl(application.replaceAll("[^a-z0-9]", "_"));
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
