package io.exchangebridge.testing;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * zonky's server behind {@link io.exchangebridge.testing.EmbeddedPostgres}, in a class of its own because both are
 * called EmbeddedPostgres: so neither has to be written with its full name.
 */
final class ZonkyServer {

    private final EmbeddedPostgres server;

    private ZonkyServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts a server; {@code dataDirectory} null for a temporary one, {@code port} 0 for a free one. Both durability
     * settings are always given: zonky's builder sets {@code synchronous_commit=off} on its own, so leaving it out
     * would not give PostgreSQL's default.
     */
    static ZonkyServer start(Path dataDirectory, int port, PostgresDurability durability) throws IOException {
        String value = durability == PostgresDurability.DURABLE ? "on" : "off";
        var builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", value)
                .setServerConfig("synchronous_commit", value);
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return new ZonkyServer(builder.start());
    }

    int port() {
        return server.getPort();
    }

    DataSource adminDataSource() {
        return server.getPostgresDatabase();
    }

    void close() throws IOException {
        server.close();
    }
}
