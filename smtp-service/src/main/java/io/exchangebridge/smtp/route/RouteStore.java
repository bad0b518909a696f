package io.exchangebridge.smtp.route;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.exchangebridge.smtp.config.RelayConfig;

/**
 * Sender routes in PostgreSQL; the most specific route (address before domain) wins. Resolved routes are cached for
 * {@code relay.route-cache-ttl}: every message asks for its route at intake and again at delivery.
 */
@ApplicationScoped
public class RouteStore {

    /** Bounds the memory that submissions from many different sender addresses can take. */
    private static final int MAX_CACHED_SENDERS = 10_000;

    private final DataSource dataSource;
    private final Cache<String, Optional<SenderRoute>> resolved;

    @Inject
    public RouteStore(DataSource dataSource, RelayConfig config) {
        this(dataSource, config.routeCacheTtl(), Ticker.systemTicker());
    }

    RouteStore(DataSource dataSource, Duration cacheTtl, Ticker ticker) {
        this.dataSource = dataSource;
        this.resolved = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(MAX_CACHED_SENDERS)
                .ticker(ticker).build();
    }

    /** Stores a new route; {@link DuplicateRoute} when the sender has one. */
    public SenderRoute create(String sender, String credentialId, String mailbox, Transport transport) {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO sender_route (id, sender, credential_id,"
                        + " mailbox, transport, created_at) VALUES (?, ?, ?, ?, ?, now())"
                        + " ON CONFLICT (sender) DO NOTHING")) {
            s.setObject(1, id);
            s.setString(2, sender.toLowerCase(Locale.ROOT));
            s.setString(3, credentialId);
            s.setString(4, mailbox);
            s.setString(5, transport.name());
            if (s.executeUpdate() == 0) {
                throw new DuplicateRoute(sender);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the route", e);
        } finally {
            resolved.invalidateAll();
        }
        return find(id).orElseThrow();
    }

    public List<SenderRoute> list() {
        return query("SELECT id, sender, credential_id, mailbox, transport, created_at FROM sender_route"
                + " ORDER BY sender", null);
    }

    public Optional<SenderRoute> find(UUID id) {
        return query("SELECT id, sender, credential_id, mailbox, transport, created_at FROM sender_route"
                + " WHERE id = ?", id).stream().findFirst();
    }

    public boolean delete(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM sender_route WHERE id = ?")) {
            s.setObject(1, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the route", e);
        } finally {
            resolved.invalidateAll();
        }
    }

    /** The route for a sender address: the address itself, else its domain. */
    public Optional<SenderRoute> resolve(String senderAddress) {
        // a failed lookup (database down) throws and leaves nothing cached
        return resolved.get(senderAddress.toLowerCase(Locale.ROOT), this::lookup);
    }

    private Optional<SenderRoute> lookup(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, sender, credential_id, mailbox, transport,"
                        + " created_at FROM sender_route WHERE sender = ? OR sender = ?"
                        + " ORDER BY (sender = ?) DESC LIMIT 1")) {
            s.setString(1, address);
            s.setString(2, domain);
            s.setString(3, address);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(route(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read routes", e);
        }
    }

    private List<SenderRoute> query(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setObject(1, id);
            }
            List<SenderRoute> routes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    routes.add(route(rs));
                }
            }
            return routes;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read routes", e);
        }
    }

    private static SenderRoute route(ResultSet rs) throws SQLException {
        return new SenderRoute(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                Transport.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant());
    }
}
