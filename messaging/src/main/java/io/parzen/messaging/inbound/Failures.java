package io.parzen.messaging.inbound;

import java.util.Set;

/**
 * The one rule that sorts the failures of handling a record:
 * <ul>
 * <li>{@link Kind#INVALID} — an {@link InvalidEventException}: bad input, dead-lettered at once;</li>
 * <li>{@link Kind#TRANSIENT} — the database or the network failed (connection lost or refused, a
 * timeout, a lock or serialization conflict, a concurrent duplicate insert, the server shutting down)
 * or a {@link TransientFailureException}: retried with backoff;</li>
 * <li>{@link Kind#BUG} — anything else (a {@code NullPointerException}, an {@code IllegalStateException},
 * an {@code IllegalArgumentException}, an SQL syntax error): logged with the record's coordinates,
 * never dead-lettered as if the input were bad.</li>
 * </ul>
 * The whole cause chain is looked at, so a wrapped database failure counts as what it is.
 */
public final class Failures {

    public enum Kind { INVALID, TRANSIENT, BUG }

    /** Transient whatever their details: the network, timeouts, the connection pool, lock conflicts. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "java.io.IOException",
            "java.util.concurrent.TimeoutException",
            "io.smallrye.mutiny.TimeoutException",
            "io.vertx.core.VertxException",
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.http.ConnectionPoolTooBusyException",
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.exception.ConstraintViolationException");

    /**
     * SQLSTATE classes that another attempt may not meet: 08 connection, 23 integrity (a concurrent
     * insert of the same row), 40 serialization/deadlock, 53 insufficient resources, 55 lock not
     * available, 57 operator intervention (shutdown), 58 system error.
     */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "23", "40", "53", "55", "57", "58");

    private Failures() {
    }

    public static Kind kind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException) {
                return Kind.INVALID;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientFailureException) {
                return Kind.TRANSIENT;
            }
            // a database error is what its SQLSTATE says (its class, a VertxException, says nothing)
            String state = sqlState(t);
            if (state != null) {
                return state.length() >= 2 && TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0, 2))
                        ? Kind.TRANSIENT : Kind.BUG;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isTransientType(t.getClass())) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.BUG;
    }

    private static boolean isTransientType(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_TYPES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of a PostgreSQL error (Vert.x {@code PgException}) or a JDBC-style exception, else null. */
    private static String sqlState(Throwable t) {
        if (t instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
