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
import io.exchangebridge.smtp.jdbc.Transactions;

/**
 * Sender routes in PostgreSQL; the most specific route (address before domain) wins. Resolved routes are cached for
 * {@code relay.route-cache-ttl}: every message asks for its route at intake and again at delivery.
 */
@ApplicationScoped
public class RouteStore {

    /** Bounds the memory that submissions from many different sender addresses can take. */
    private static final int MAX_CACHED_SENDERS = 10_000;
    private static final String COLUMNS = "id, sender, credential_id, mailbox, transport, created_at";
    private static final String UNIQUE_VIOLATION = "23505";

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
        return create(sender, credentialId, mailbox, transport, null);
    }

    /**
     * Stores a new route, running {@code alongside} (an audit entry) in the same transaction; {@link DuplicateRoute}
     * when the sender has one.
     */
    public SenderRoute create(String sender, String credentialId, String mailbox, Transport transport,
            Change alongside) {
        return write("store the route", alongside, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sender_route (id, sender, credential_id,"
                    + " mailbox, transport, created_at) VALUES (?, ?, ?, ?, ?, now())"
                    + " ON CONFLICT (sender) DO NOTHING RETURNING " + COLUMNS)) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, sender.toLowerCase(Locale.ROOT));
                s.setString(3, credentialId);
                s.setString(4, mailbox);
                s.setString(5, transport.name());
                return Optional.of(one(s).orElseThrow(() -> new DuplicateRoute(sender)));
            }
        }).orElseThrow();
    }

    /**
     * Changes a route, running {@code alongside} in the same transaction; empty when there is no such route,
     * {@link DuplicateRoute} when another route has the sender.
     */
    public Optional<SenderRoute> update(UUID id, String sender, String credentialId, String mailbox,
            Transport transport, Change alongside) {
        return write("change the route", alongside, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE sender_route SET sender = ?, credential_id = ?,"
                    + " mailbox = ?, transport = ? WHERE id = ? RETURNING " + COLUMNS)) {
                s.setString(1, sender.toLowerCase(Locale.ROOT));
                s.setString(2, credentialId);
                s.setString(3, mailbox);
                s.setString(4, transport.name());
                s.setObject(5, id);
                return one(s);
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new DuplicateRoute(sender);
                }
                throw e;
            }
        });
    }

    public List<SenderRoute> list() {
        return query("SELECT " + COLUMNS + " FROM sender_route ORDER BY sender", null);
    }

    public Optional<SenderRoute> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM sender_route WHERE id = ?", id).stream().findFirst();
    }

    public boolean delete(UUID id) {
        return delete(id, null).isPresent();
    }

    /** Removes a route, running {@code alongside} in the same transaction; the removed route, or empty. */
    public Optional<SenderRoute> delete(UUID id, Change alongside) {
        return write("delete the route", alongside, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sender_route WHERE id = ? RETURNING "
                    + COLUMNS)) {
                s.setObject(1, id);
                return one(s);
            }
        });
    }

    /** Work done in the transaction of a route change, given the route as it is afterwards (or was, if deleted). */
    @FunctionalInterface
    public interface Change {
        void run(Connection c, SenderRoute route) throws SQLException;
    }

    @FunctionalInterface
    private interface Statement {
        Optional<SenderRoute> run(Connection c) throws SQLException;
    }

    /** Runs a change and, when it found its route, {@code alongside}: one transaction. The cache forgets all. */
    private Optional<SenderRoute> write(String what, Change alongside, Statement change) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, tx -> {
                Optional<SenderRoute> route = change.run(tx);
                if (route.isPresent() && alongside != null) {
                    alongside.run(tx, route.get());
                }
                return route;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + what, e);
        } finally {
            resolved.invalidateAll();
        }
    }

    private static Optional<SenderRoute> one(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(route(rs)) : Optional.empty();
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
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM sender_route WHERE sender = ? OR sender = ?"
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
