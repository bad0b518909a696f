package io.exchangebridge.importer.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.exchangebridge.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Flyway migrated the real PostgreSQL and the tables take and give back rows. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SchemaRoundTripTest {

    @Inject
    DataSource dataSource;

    @Test
    void migratedTableRoundTrip() throws Exception {
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
                    assertEquals("importer", rs.getString(1));
                }
            }
        }
    }
}
