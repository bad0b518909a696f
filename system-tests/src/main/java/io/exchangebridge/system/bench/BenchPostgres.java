package io.exchangebridge.system.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL for the benchmarks: zonky's binary in its own process like the tests' one, but with production durability
 * ({@code fsync=on}, {@code synchronous_commit=on}: every commit reaches the disk before it returns), which the tests'
 * server turns off to be fast.
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private BenchPostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    static BenchPostgres start(Path dataDirectory) {
        try {
            return new BenchPostgres(EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true).setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on").start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }

    /** A database created on first use, as JDBC URL. */
    String jdbcUrl(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    String username() {
        return "postgres";
    }

    String password() {
        return "postgres";
    }

    /** The durability settings as the running server reports them, for the results. */
    String settings() {
        List<String> values = new ArrayList<>();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('fsync',"
                        + " 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'server_version')"
                        + " ORDER BY name")) {
            while (rs.next()) {
                values.add(rs.getString(1) + "=" + rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the server's settings", e);
        }
        return String.join(" ", values);
    }

    /** The postmaster's pid (its {@code postmaster.pid} file's first line). */
    long pid() {
        try {
            Path file = dataDirectory.resolve("postmaster.pid");
            return Long.parseLong(Files.readAllLines(file).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
