package io.exchangebridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.CDI;

import org.junit.jupiter.api.Test;

/**
 * Flyway migrated the real PostgreSQL and the tables take and give back rows (non-ASCII included), through the
 * application's own datasource; {@code service_info} names the service's schema.
 */
public abstract class SchemaRoundTripContract {

    /** The {@code schema} row of {@code service_info}, such as "credential". */
    protected abstract String schemaName();

    @Test
    public void migratedTableRoundTrip() throws Exception {
        DataSource dataSource = CDI.current().select(DataSource.class).get();
        try (Connection c = dataSource.getConnection()) {
            assertTrue(c.getMetaData().getDatabaseProductName().contains("PostgreSQL"));
            try (PreparedStatement insert = c
                    .prepareStatement("INSERT INTO service_info (name, value) VALUES (?, ?)")) {
                insert.setString(1, "round-trip");
                insert.setString(2, "äöü ✓");
                assertEquals(1, insert.executeUpdate());
            }
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM service_info WHERE name = ?")) {
                select.setString(1, "round-trip");
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("äöü ✓", rs.getString(1));
                }
                select.setString(1, "schema");
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(schemaName(), rs.getString(1));
                }
            }
        }
    }
}
