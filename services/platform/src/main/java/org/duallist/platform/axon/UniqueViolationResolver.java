package org.duallist.platform.axon;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon that an append failed because another replica stored the same aggregate sequence first
 * (PostgreSQL's unique_violation, SQLSTATE 23505), so that the command fails with Axon's
 * {@code ConcurrencyException} (answered 409, retryable) instead of a bare {@code EventStoreException}.
 * Axon's own {@code JdbcSQLErrorCodesResolver} looks for vendor error codes, which pgjdbc leaves at 0,
 * and does not look through the {@link java.sql.BatchUpdateException} the batched append throws.
 */
public final class UniqueViolationResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return violates(exception, seen);
    }

    private static boolean violates(Throwable failure, Set<Throwable> seen) {
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
                // a batch reports the statement's own failure as its next exception
                if (sql.getNextException() != null && violates(sql.getNextException(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
