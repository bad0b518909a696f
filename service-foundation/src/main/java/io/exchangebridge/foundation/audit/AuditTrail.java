package io.exchangebridge.foundation.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.exchangebridge.foundation.text.TextRule;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Writes and reads a service's audit log, the table {@code audit_log (id, at, actor, action, target, detail, result,
 * count)} that every service's schema has. Admin actions are written synchronously, on the caller's connection when it
 * passes one (so the entry commits with the change), and read newest first by {@code GET /api/audit}.
 *
 * <p> The console acts for a person through a service user: it names the person in {@value #ON_BEHALF_OF}. The header
 * is believed only from a caller with the role {@code admin} (who could do the action anyway), and recorded beside that
 * caller's name, never instead of it.
 */
@ApplicationScoped
public class AuditTrail {

    public static final String ON_BEHALF_OF = "X-Exchange-Bridge-On-Behalf-Of";
    private static final int MAX_TEXT = 200;

    private final DataSource dataSource;
    private final Instance<SecurityIdentity> identity;
    private final Instance<CurrentVertxRequest> request;
    private final String service;

    public AuditTrail(DataSource dataSource, Instance<SecurityIdentity> identity, Instance<CurrentVertxRequest> request,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.identity = identity;
        this.request = request;
        this.service = service;
    }

    /** Who is acting in the current request: the principal, or {@code "alice via console"}; "system" outside one. */
    public String actor() {
        try {
            SecurityIdentity id = identity.get();
            if (id.isAnonymous()) {
                return "anonymous";
            }
            String principal = id.getPrincipal().getName();
            String person = onBehalfOf();
            return person != null && id.hasRole("admin") ? person + " via " + principal : principal;
        } catch (ContextNotActiveException e) {
            return "system";
        }
    }

    private String onBehalfOf() {
        var current = request.get().getCurrent();
        if (current == null) {
            return null;
        }
        String value = current.request().getHeader(ON_BEHALF_OF);
        if (value == null || value.isBlank() || TextRule.violation(value, false) != null) {
            return null;
        }
        return clip(value.trim());
    }

    /** Records an action of the current request's actor in a transaction of its own. */
    public void record(String action, String target, String detail, String result) {
        try (Connection c = dataSource.getConnection()) {
            record(c, action, target, detail, result);
        } catch (SQLException e) {
            throw new AuditNotWritten(e);
        }
    }

    /** Records an action of the current request's actor on the caller's connection, to commit with its change. */
    public void record(Connection c, String action, String target, String detail, String result) throws SQLException {
        record(c, actor(), action, target, detail, result);
    }

    /** Records an action of a named actor (a job: {@code "system"}) on the caller's connection. */
    public void record(Connection c, String actor, String action, String target, String detail, String result)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_log (at, actor, action, target, detail, result, count) VALUES (?, ?, ?, ?, ?, ?, 1)")) {
            insert.setTimestamp(1, Timestamp.from(Instant.now()));
            insert.setString(2, clip(actor));
            insert.setString(3, action);
            insert.setString(4, target == null ? "" : clip(target));
            insert.setString(5, detail == null ? null : clip(detail));
            insert.setString(6, result);
            insert.executeUpdate();
        }
    }

    /** A page of entries, newest first. */
    public AuditPage read(AuditQuery q) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, action, target, detail, result, count FROM audit_log WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" AND position(lower(?) in lower(actor)) > 0");
            args.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND lower(action) LIKE lower(?) || '%'");
            args.add(q.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        if (q.target() != null) {
            sql.append(" AND lower(target) = lower(?)");
            args.add(q.target());
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(q.to()));
        }
        if (q.before() != null) {
            sql.append(" AND id < ?");
            args.add(q.before());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            List<AuditRecord> items = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(new AuditRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), service, rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                }
            }
            String next = null;
            if (items.size() > q.limit()) {
                items = new ArrayList<>(items.subList(0, q.limit()));
                next = Long.toString(items.get(items.size() - 1).id());
            }
            return new AuditPage(items, next);
        } catch (SQLException e) {
            throw new AuditNotWritten(e);
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }

    /** The audit log could not be used; the mapper of database outages turns this into a 503. */
    public static final class AuditNotWritten extends RuntimeException {

        AuditNotWritten(SQLException cause) {
            super("audit log unavailable", cause, false, false);
        }
    }
}
