package io.exchangebridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durability each kind of embedded server runs with, as the server itself reports it. */
class EmbeddedPostgresDurabilityTest {

    @Test
    void throwAwayServersAreFast() throws SQLException {
        try (EmbeddedPostgres server = EmbeddedPostgres.start()) {
            assertThat(settings(server)).isEqualTo("fsync=off synchronous_commit=off");
        }
    }

    @Test
    void serversWithKeptDataAreDurable(@TempDir Path dir) throws SQLException {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(dir.resolve("data"), 0)) {
            assertThat(settings(server)).isEqualTo("fsync=on synchronous_commit=on");
        }
    }

    @Test
    void durabilityCanBeChosen(@TempDir Path dir) throws SQLException {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(dir.resolve("data"), 0, PostgresDurability.FAST)) {
            assertThat(settings(server)).isEqualTo("fsync=off synchronous_commit=off");
        }
    }

    private static String settings(EmbeddedPostgres server) throws SQLException {
        try (Connection c = server.adminDataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            rs.next();
            return "fsync=" + rs.getString(1) + " synchronous_commit=" + rs.getString(2);
        }
    }
}
