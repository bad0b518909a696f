package io.exchangebridge.smtp.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Plain JDBC transactions on a pooled connection, for the stores that write more than one statement at once. */
public final class Transactions {

    private Transactions() {
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws; the connection is in
     * auto-commit again afterwards (as the pool hands connections out).
     */
    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
