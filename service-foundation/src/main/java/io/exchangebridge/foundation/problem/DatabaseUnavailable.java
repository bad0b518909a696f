package io.exchangebridge.foundation.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises "PostgreSQL cannot be reached" anywhere in an exception's cause chain, however Hibernate, Narayana or
 * Agroal wrapped it. Such a failure is the client's cue to come back later (503), not a bug (500). <p> Only JDBC types
 * are looked at: Hibernate's {@code JDBCConnectionException} always carries the {@link SQLException} it was made from,
 * so a service without Hibernate ORM can use this class too.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before trying again: a restart or fail-over of PostgreSQL takes about that. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    public static boolean causedAnywhereIn(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (connectionState(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P01-57P03 (server shutting down, starting up). */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** Agroal's "Sorry, acquisition timeout!" has no SQLSTATE; its text is all there is to go by. */
    private static boolean acquisitionTimeout(SQLException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
