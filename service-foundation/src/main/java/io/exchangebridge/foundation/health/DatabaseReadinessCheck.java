package io.exchangebridge.foundation.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

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
            try (ResultSet rs = s.executeQuery(
                    "SELECT max(version) FROM flyway_schema_history WHERE success")) {
                rs.next();
                return response.up().withData("schemaVersion", String.valueOf(rs.getString(1))).build();
            }
        } catch (Exception e) {
            // The exception text may contain the JDBC URL; report only its kind.
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
