package io.exchangebridge.credential.credential;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Whether a failed write broke one particular unique constraint: PostgreSQL's SQLSTATE 23505 (unique_violation) naming
 * that constraint, anywhere in the cause chain. Any other failure of the same INSERT (a value PostgreSQL cannot store,
 * a check, a lost connection) is not a conflict and must not be reported as one.
 */
final class UniqueViolation {

    static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    static boolean of(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && violates(sql, constraint)) {
                return true;
            }
        }
        return false;
    }

    /** Looks at the exception and the ones chained to it by the driver (a batch reports its failure there). */
    private static boolean violates(SQLException e, String constraint) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof PSQLException p && SQLSTATE.equals(p.getSQLState())) {
                ServerErrorMessage message = p.getServerErrorMessage();
                if (message != null && constraint.equals(message.getConstraint())) {
                    return true;
                }
            }
        }
        return false;
    }
}
