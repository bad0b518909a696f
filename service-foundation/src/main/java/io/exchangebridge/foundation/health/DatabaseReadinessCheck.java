package io.exchangebridge.foundation.health;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when PostgreSQL answers a real query and this service's schema is migrated: a reachable but empty database
 * is not ready.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private final DataSource dataSource;

    public DatabaseReadinessCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(3);
            // versions compared as numbers: max() of the text would rank "9" above "10"
            try (ResultSet rs = s.executeQuery("SELECT max(string_to_array(version, '.')::int[]) FROM"
                    + " flyway_schema_history WHERE success AND version IS NOT NULL")) {
                rs.next();
                Array version = rs.getArray(1);
                String shown = version == null
                        ? "null"
                        : Arrays.stream((Integer[]) version.getArray()).map(String::valueOf)
                                .collect(Collectors.joining("."));
                return response.up().withData("schemaVersion", shown).build();
            }
        } catch (Exception e) {
            // The exception text may contain the JDBC URL; report only its kind.
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
