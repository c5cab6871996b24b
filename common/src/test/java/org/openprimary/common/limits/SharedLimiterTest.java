package org.openprimary.common.limits;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.testing.PostgresSession;

/**
 * Two limiters, each with its own connections as two instances of the platform would have, on one
 * table of the real (embedded) PostgreSQL: they spend one budget.
 */
class SharedLimiterTest {

    private static final String TABLE = "limits_test.rate_limit";

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = PostgresSession.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS limits_test");
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            s.execute(String.format(SharedLimiter.DDL, TABLE));
        }
    }

    private final SharedLimiter instanceA = new SharedLimiter(PostgresSession.dataSource(), TABLE);
    private final SharedLimiter instanceB = new SharedLimiter(PostgresSession.dataSource(), TABLE);

    @Test
    void twoInstancesSpendOneBudget() {
        SharedLimiter.Limit limit = new SharedLimiter.Limit("address", 4, Duration.ofHours(1));
        instanceA.take(limit, "203.0.113.7", "address", "too many");
        instanceB.take(limit, "203.0.113.7", "address", "too many");
        instanceA.take(limit, "203.0.113.7", "address", "too many");
        instanceB.take(limit, "203.0.113.7", "address", "too many");
        TooManyRequestsException refused = assertThrows(TooManyRequestsException.class,
                () -> instanceA.take(limit, "203.0.113.7", "address", "too many from this network"));
        assertEquals("address", refused.field().orElseThrow());
        assertTrue(refused.getMessage().contains("too many from this network"), refused.getMessage());
        assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0);
        assertTrue(refused.retryAfter().compareTo(Duration.ofHours(1)) <= 0);
        assertThrows(TooManyRequestsException.class, () -> instanceB.take(limit, "203.0.113.7", "address", "x"));
        assertDoesNotThrow(() -> instanceB.take(limit, "203.0.113.8", "address", "x"), "another key has its own bucket");
        assertDoesNotThrow(() -> instanceB.take(new SharedLimiter.Limit("other", 4, Duration.ofHours(1)),
                "203.0.113.7", "address", "x"), "another kind of limit has its own bucket");
    }

    @Test
    void racingInstancesGrantExactlyTheBudget() throws Exception {
        SharedLimiter.Limit limit = new SharedLimiter.Limit("race", 25, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                SharedLimiter instance = i % 2 == 0 ? instanceA : instanceB;
                attempts.add(pool.submit(() -> {
                    start.await();
                    return instance.probe(limit, "one key").isConsumed();
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> attempt : attempts) {
                granted += attempt.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(25, granted, "80 attempts from two instances at once share 25 tokens");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetRefillsForEveryInstanceAndTheTableKeepsNoKeyInClear() throws SQLException {
        SharedLimiter.Limit limit = new SharedLimiter.Limit("signin", 2, Duration.ofMinutes(15));
        instanceA.take(limit, "organizer", "username", "locked");
        instanceA.take(limit, "organizer", "username", "locked");
        assertFalse(instanceB.probe(limit, "organizer").isConsumed());
        instanceB.reset(limit, "organizer");
        assertTrue(instanceA.probe(limit, "organizer").isConsumed());
        try (Connection c = PostgresSession.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM " + TABLE
                        + " WHERE id LIKE '%organizer%' OR id LIKE '%203.0.113%'")) {
            assertTrue(rows.next());
            assertEquals(0, rows.getInt(1));
        }
    }

    @Test
    void connectionsGoBackToThePoolInAutoCommit() throws SQLException {
        DataSource one = new SingleConnection(PostgresSession.dataSource().getConnection());
        SharedLimiter limiter = new SharedLimiter(one, TABLE);
        limiter.take(new SharedLimiter.Limit("autocommit", 3, Duration.ofHours(1)), "k", "f", "r");
        assertTrue(((SingleConnection) one).connection.getAutoCommit());
        ((SingleConnection) one).connection.close();
    }

    @Test
    void aChangedLimitStartsNewBucketsInsteadOfKeepingTheOldFigures() {
        SharedLimiter.Limit strict = new SharedLimiter.Limit("changed", 1, Duration.ofHours(1));
        instanceA.take(strict, "203.0.113.9", "address", "x");
        assertThrows(TooManyRequestsException.class, () -> instanceB.take(strict, "203.0.113.9", "address", "x"));
        SharedLimiter.Limit raised = new SharedLimiter.Limit("changed", 100, Duration.ofHours(1));
        assertDoesNotThrow(() -> instanceB.take(raised, "203.0.113.9", "address", "x"),
                "the instances restarted with a higher limit do not inherit the spent bucket of the lower one");
    }

    /** A data source that always hands out the same connection, and never closes it. */
    private static final class SingleConnection extends org.postgresql.ds.PGSimpleDataSource {
        private static final long serialVersionUID = 1L;
        final transient Connection connection;

        SingleConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection getConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> "close".equals(method.getName())
                            ? null : method.invoke(connection, args));
        }
    }
}
