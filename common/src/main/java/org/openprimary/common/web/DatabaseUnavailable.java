package org.openprimary.common.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * Whether a failure is the database being out of reach (stopped, restarting, the network to it
 * down, or no connection to be had from the pool) rather than a fault of the request or of the
 * code: such a request can be retried as is once the database is back, so it is answered 503 with
 * {@code Retry-After}, not 500. Recognized anywhere in the chain of causes (EJB, JPA and EclipseLink
 * wrap the driver's exception): an {@link SQLException} of SQLSTATE class 08 (connection exception),
 * 57P01–57P03 (the server shutting down or starting), 53300 (too many connections); a
 * {@link ConnectException}; an {@link XAException} saying the resource manager failed or the commit
 * could not reach it; the pool's "Error in allocating a connection".
 */
public final class DatabaseUnavailable {

    /** What a client is told to wait before retrying, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return causedBy(failure, seen, 0);
    }

    private static boolean causedBy(Throwable t, Set<Throwable> seen, int depth) {
        if (t == null || depth > 30 || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLException sql) {
            if (unavailable(sql.getSQLState())) {
                return true;
            }
            if (causedBy(sql.getNextException(), seen, depth + 1)) {
                return true;
            }
        }
        if (t instanceof ConnectException) {
            return true;
        }
        if (t instanceof XAException xa && (xa.errorCode == XAException.XAER_RMFAIL
                || xa.errorCode == XAException.XA_RBCOMMFAIL)) {
            return true; // the resource manager (the database) failed or could not be reached at commit
        }
        String message = t.getMessage();
        if (message != null && message.contains("Error in allocating a connection")) {
            return true; // Payara's pool: no connection could be made
        }
        if (t.getClass().getName().endsWith(".PoolingException")) {
            return true;
        }
        return causedBy(t.getCause(), seen, depth + 1);
    }

    static boolean unavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03") || sqlState.equals("53300"));
    }
}
