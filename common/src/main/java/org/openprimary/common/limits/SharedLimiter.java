package org.openprimary.common.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openprimary.common.TooManyRequestsException;

/**
 * Token buckets in PostgreSQL (Bucket4j's select-for-update proxy manager): every instance that
 * opens a limiter on the same table spends the same budget. A bucket's row is keyed by a SHA-256
 * of its kind, its figures (a changed limit starts new buckets) and key (the table never holds an address, a phone number or a username in clear)
 * and expires once its bucket would be full again, so {@link #removeExpired()} keeps the table
 * small.
 *
 * <p>Each {@link #take} is one short transaction of its own on a connection of the data source (a
 * row lock, a read, a write), outside any caller's transaction, so that a registration that fails
 * still counts and a limit never holds a lock on the caller's rows: call it from a bean with
 * bean-managed transactions ({@code @TransactionManagement(BEAN)}, which never runs in its caller's
 * transaction; Payara 6 ran a {@code NOT_SUPPORTED} {@code @Schedule} method in a transaction all the
 * same). Used inside a JTA transaction it refuses, rather than commit on an enlisted connection. The
 * table (see {@link #DDL}) is created by the owning module's migration.
 */
public final class SharedLimiter {

    /** The table a module creates for its buckets ({@code %s} is the table's qualified name). */
    public static final String DDL = "CREATE TABLE %s (id VARCHAR(64) PRIMARY KEY, state BYTEA,"
            + " expires_at BIGINT)";

    /**
     * One kind of limit: so many per period for each key, refilled gradually, or all at once at the
     * end of each period ({@code stepwise}: a lock-out that lasts until the period is over).
     */
    public record Limit(String kind, int perPeriod, Duration period, boolean stepwise) {

        public Limit {
            if (perPeriod < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit allows at least one per positive period: " + kind);
            }
        }

        public Limit(String kind, int perPeriod, Duration period) {
            this(kind, perPeriod, period, false);
        }
    }

    private static final Logger LOG = Logger.getLogger(SharedLimiter.class.getName());

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions = registry();
    private final Map<Limit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    /**
     * @param dataSource the application's data source (a pool)
     * @param table the buckets' table, schema-qualified (e.g. {@code registration.rate_limit})
     */
    public SharedLimiter(DataSource dataSource, String table) {
        if (!table.matches("[a-z_]+\\.[a-z_]+")) {
            throw new IllegalArgumentException("not a schema-qualified table name: " + table);
        }
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(new AutoCommitRestoring(dataSource))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /**
     * Spends one token of {@code key}'s bucket for {@code limit}.
     *
     * @throws TooManyRequestsException on {@code field} with {@code reason} and when to retry, when
     *         the bucket is empty
     */
    public void take(Limit limit, String key, String field, String reason) {
        ConsumptionProbe probe = probe(limit, key);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(field, reason, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Spends one token if one is left, and says what came of it (for callers that cache a refusal). */
    public ConsumptionProbe probe(Limit limit, String key) {
        outsideTransactions();
        return buckets.builder()
                .build(rowKey(limit, key), () -> configurations.computeIfAbsent(limit, SharedLimiter::configuration))
                .tryConsumeAndReturnRemaining(1);
    }

    /** Whether {@code key}'s bucket has a token left, and when it will (spends nothing). */
    public Optional<Duration> waitBefore(Limit limit, String key) {
        outsideTransactions();
        io.github.bucket4j.EstimationProbe probe = buckets.builder()
                .build(rowKey(limit, key), () -> configurations.computeIfAbsent(limit, SharedLimiter::configuration))
                .estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Puts {@code key}'s bucket back to full (a right password after wrong ones). */
    public void reset(Limit limit, String key) {
        outsideTransactions();
        buckets.removeProxy(rowKey(limit, key));
    }

    /** Deletes the rows of buckets that are full again, a batch at a time; returns how many. */
    public int removeExpired() {
        outsideTransactions();
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(1000);
            removed += batch;
        } while (batch == 1000);
        return removed;
    }

    private void outsideTransactions() {
        if (transactions != null
                && transactions.getTransactionStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("a shared limit was used inside a JTA transaction: call it from a bean"
                    + " with bean-managed transactions");
        }
    }

    /** The container's registry, or null outside a container (plain tests). */
    private static jakarta.transaction.TransactionSynchronizationRegistry registry() {
        try {
            return (jakarta.transaction.TransactionSynchronizationRegistry) new javax.naming.InitialContext()
                    .lookup("java:comp/TransactionSynchronizationRegistry");
        } catch (javax.naming.NamingException | RuntimeException e) {
            return null;
        }
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(limit.stepwise()
                        ? Bandwidth.builder().capacity(limit.perPeriod())
                                .refillIntervally(limit.perPeriod(), limit.period()).build()
                        : Bandwidth.builder().capacity(limit.perPeriod())
                                .refillGreedy(limit.perPeriod(), limit.period()).build())
                .build();
    }

    static String rowKey(Limit limit, String key) {
        try {
            // the limit's figures are part of the key: a bucket keeps the configuration it was made with, so a
            // changed limit starts new buckets (the old ones expire) rather than keep the old figures
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((limit.kind() + '\n' + limit.perPeriod() + '/' + limit.period() + (limit.stepwise() ? "/stepwise" : "")
                            + '\n' + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * Bucket4j turns auto-commit off on the connections it borrows and commits itself; this gives
     * them back to the pool with auto-commit on again, as the next user expects.
     */
    private static final class AutoCommitRestoring implements DataSource {

        private final DataSource pool;

        AutoCommitRestoring(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return restoring(pool.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return restoring(pool.getConnection(user, password));
        }

        private static Connection restoring(Connection connection) {
            return (Connection) Proxy.newProxyInstance(SharedLimiter.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
                            try {
                                if (!connection.isClosed() && !connection.getAutoCommit()) {
                                    connection.rollback(); // nothing is left open by Bucket4j; a failure's leftovers go
                                    connection.setAutoCommit(true);
                                }
                            } catch (SQLException e) {
                                LOG.fine(() -> "Could not restore auto-commit: " + e);
                            }
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return pool.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return pool.isWrapperFor(type);
        }
    }
}
