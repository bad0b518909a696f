package io.exchangebridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * A real PostgreSQL server started from zonky's embedded binaries, without Docker.
 *
 * <p> PostgreSQL refuses to run as root. When the JVM is root (CI and the dev machines are), zonky wraps
 * {@code initdb}/{@code pg_ctl} in {@code unshare -U}, which maps root to an unprivileged user inside a user namespace;
 * nothing else is needed here.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private final ZonkyServer server;

    private EmbeddedPostgres(ZonkyServer server) {
        this.server = server;
    }

    /** Starts a throw-away server on a free port with a temporary data directory, {@link PostgresDurability#FAST}. */
    public static EmbeddedPostgres start() {
        return start(null, 0, PostgresDurability.FAST);
    }

    /**
     * Starts a server whose data is kept in {@code dataDirectory} ({@code null}: a temporary one that is removed on
     * close). Kept data is durable data: with a directory the server is {@link PostgresDurability#DURABLE} (the local
     * run, dev mode), without one {@link PostgresDurability#FAST}.
     *
     * @param port
     *            the port; 0 for a free one
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, dataDirectory == null ? PostgresDurability.FAST : PostgresDurability.DURABLE);
    }

    /** Starts a server with the given durability (see {@link #start(Path, int)} for the other parameters). */
    public static EmbeddedPostgres start(Path dataDirectory, int port, PostgresDurability durability) {
        try {
            return new EmbeddedPostgres(ZonkyServer.start(dataDirectory, port, durability));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return server.port();
    }

    /** JDBC URL of a database, created on first use. */
    public String jdbcUrl(String database) {
        createDatabaseIfMissing(database);
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public DataSource adminDataSource() {
        return server.adminDataSource();
    }

    private void createDatabaseIfMissing(String database) {
        Objects.requireNonNull(database);
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        try (Connection c = adminDataSource().getConnection(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
