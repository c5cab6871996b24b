package org.openprimary.voting.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.testing.PostgresSession;
import org.openprimary.voting.control.VotingSchema;

/**
 * Console sessions against the real PostgreSQL, with two stores standing for two instances of a
 * cluster sharing one database: what one opens the other accepts; what is signed out, over or idle
 * is refused everywhere; the database holds no token; the account's roles are read at each request.
 */
class ConsoleSessionsTest {

    private static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2027-01-14T08:00:00Z").plusSeconds(new java.util.Random().nextInt(86_400));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static DataSource database;

    private final MovableClock clock = new MovableClock();
    private final ConsoleSessions first = store();
    private final ConsoleSessions second = store();

    @BeforeAll
    static void migrate() {
        database = PostgresSession.dataSource();
        SchemaMigrator.migrate(database, VotingSchema.SCHEMA, ConsoleSessionsTest.class.getClassLoader());
    }

    @Test
    void aSessionOpenedOnOneInstanceIsAcceptedByAnotherWithTheAccountsRoles() {
        String name = account("BAILIFF,TRUSTEE", true);
        String token = first.open(name, true, null);

        Optional<ConsoleSession> seen = second.find(token);
        assertTrue(seen.isPresent());
        assertEquals(name, seen.get().username());
        assertEquals(List.of("bailiff", "trustee"), seen.get().roles());
        assertTrue(seen.get().verified());
        assertEquals(43, token.length(), "32 random bytes in base64url");
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertNotEquals(token, first.open(name, true, null), "every sign-in gets a token of its own");
    }

    @Test
    void aCookieFromOneInstancesSignInSignsInThroughTheOtherInstancesMechanismUntilTheSignOut() {
        String name = account("ORGANIZER,BAILIFF", true);
        ConsoleAuthentication one = mechanism(first);
        ConsoleAuthentication two = mechanism(second);
        String token = first.open(name, true, null);

        ConsoleAuthenticationTest.Outcome there = new ConsoleAuthenticationTest.Outcome();
        two.validateRequest(ConsoleAuthenticationTest.request("/admin", null, token, there),
                ConsoleAuthenticationTest.response(there), ConsoleAuthenticationTest.context(there, true));
        assertEquals(name, there.caller);
        assertEquals(java.util.Set.of("organizer", "bailiff"), there.groups);

        second.close(token);
        ConsoleAuthenticationTest.Outcome back = new ConsoleAuthenticationTest.Outcome();
        one.validateRequest(ConsoleAuthenticationTest.request("/admin", null, token, back),
                ConsoleAuthenticationTest.response(back), ConsoleAuthenticationTest.context(back, true));
        assertEquals(null, back.caller);
        assertEquals(401, back.status);
    }

    @Test
    void theDatabaseKeepsOnlyTheTokensHash() throws SQLException {
        String name = account("ORGANIZER", true);
        String token = first.open(name, true, null);
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT * FROM voting.console_session WHERE username = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                byte[] hash = row.getBytes("token_hash");
                assertEquals(32, hash.length);
                assertTrue(java.util.Arrays.equals(ConsoleSessions.hash(token), hash));
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    Object value = row.getObject(column);
                    String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) : String.valueOf(value);
                    assertFalse(text.contains(token), "column " + row.getMetaData().getColumnName(column));
                }
                assertFalse(row.next());
            }
        }
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(ConsoleSessions.hash(token)).substring(0, 43);
        assertTrue(second.find(forged).isEmpty(), "the stored hash is not a token");
    }

    @Test
    void aSignedOutSessionIsRefusedEverywhereAndASignInRotatesTheToken() {
        String name = account("ORGANIZER", true);
        String token = first.open(name, true, null);
        assertTrue(second.find(token).isPresent());
        second.close(token);
        assertTrue(first.find(token).isEmpty(), "signed out on one instance, refused on the other");
        assertEquals(0, rows(name));

        String enrolling = first.open(name, false, null);
        String signedIn = second.open(name, true, enrolling);
        assertTrue(first.find(enrolling).isEmpty(), "the session one came with ends at the sign-in");
        assertTrue(first.find(signedIn).isPresent());
        assertEquals(1, rows(name));
    }

    @Test
    void aSessionEndsAfterFifteenIdleMinutesOrEightHoursAndIsThenDeleted() {
        String name = account("ORGANIZER", true);
        String idle = first.open(name, true, null);
        clock.now = clock.now.plus(ConsoleSession.IDLE).minusSeconds(1);
        assertTrue(second.find(idle).isPresent(), "14:59 idle: still signed in, and used again now");
        clock.now = clock.now.plus(ConsoleSession.IDLE).minusSeconds(1);
        assertTrue(first.find(idle).isPresent(), "the last use moved on: idle again for less than 15 minutes");
        clock.now = clock.now.plus(ConsoleSession.IDLE);
        assertTrue(second.find(idle).isEmpty(), "15 minutes without a request");
        assertEquals(0, rows(name), "refused and deleted");

        String busy = first.open(name, true, null);
        Instant end = clock.now.plus(ConsoleSession.MAX_AGE);
        for (int request = 0; clock.now.plus(Duration.ofMinutes(10)).isBefore(end); request++) {
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertTrue((request % 2 == 0 ? first : second).find(busy).isPresent());
        }
        clock.now = end;
        assertTrue(first.find(busy).isEmpty(), "however active, over after 8 hours");
        assertEquals(0, rows(name));
    }

    @Test
    void aChangeOfRolesAResetSecondFactorOrADeletedAccountTakesEffectAtTheNextRequest() throws SQLException {
        String name = account("ORGANIZER", true);
        String token = first.open(name, true, null);
        assertEquals(List.of("organizer"), second.find(token).orElseThrow().roles());

        update("UPDATE voting.admin_account SET roles = 'AUDITOR' WHERE username = ?", name);
        assertEquals(List.of("auditor"), second.find(token).orElseThrow().roles(), "the account's roles, not a copy");

        update("UPDATE voting.admin_account SET totp_secret = NULL, totp_enrolled_at = NULL WHERE username = ?", name);
        assertTrue(first.find(token).isEmpty(), "a reset second factor ends the verified sessions");

        String again = first.open(name, false, null);
        assertTrue(second.find(again).isPresent(), "an enrolling session does not need a second factor");
        assertEquals(List.of(), second.find(again).orElseThrow().roles(), "and has no role");
        update("DELETE FROM voting.admin_account WHERE username = ?", name);
        assertTrue(first.find(again).isEmpty());
        assertEquals(0, rows(name), "a deleted account's sessions go with it");
    }

    @Test
    void malformedOrUnknownTokensAreRefusedWithoutALookUp() {
        assertTrue(first.find(null).isEmpty());
        assertTrue(first.find("").isEmpty());
        assertTrue(first.find("' OR '1'='1").isEmpty());
        assertTrue(first.find("a".repeat(44)).isEmpty());
        assertTrue(first.find("A".repeat(43)).isEmpty());
        first.close("not a token");
    }

    @Test
    void theCleanUpRunOnTwoInstancesAtOnceDeletesWhatIsOverAndNothingElse() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = account("OPERATOR", true);
            names.add(name);
            first.open(name, true, null);
        }
        clock.now = clock.now.plus(ConsoleSession.IDLE).plusSeconds(1);
        for (String name : names) {
            live.add(second.open(name, true, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (ConsoleSessions store : List.of(first, second)) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return store.removeExpired();
                }));
            }
            start.countDown();
            int removed = 0;
            for (Future<Integer> run : runs) {
                removed += run.get();
            }
            assertTrue(removed >= names.size(), "both runs together deleted the idle sessions: " + removed);
        } finally {
            pool.shutdown();
        }
        for (String name : names) {
            assertEquals(1, rows(name), "the idle session went, the fresh one stayed");
        }
        for (String token : live) {
            assertTrue(first.find(token).isPresent());
        }
    }

    private static ConsoleAuthentication mechanism(ConsoleSessions sessions) {
        ConsoleAuthentication mechanism = new ConsoleAuthentication();
        mechanism.mode = "production";
        mechanism.sessions = sessions;
        return mechanism;
    }

    private ConsoleSessions store() {
        ConsoleSessions store = new ConsoleSessions();
        store.dataSource = PostgresSession.dataSource();
        store.clock = clock;
        return store;
    }

    /** An account with the roles, its second factor enrolled or not. */
    private static String account(String roles, boolean enrolled) {
        String name = "s-" + UUID.randomUUID().toString().substring(0, 20);
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO voting.admin_account"
                        + " (username, password_hash, roles, created_at, totp_secret, totp_enrolled_at)"
                        + " VALUES (?, 'not-a-hash', ?, now(), ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, roles);
            insert.setString(3, enrolled ? "sealed-secret" : null);
            insert.setObject(4, enrolled ? java.time.OffsetDateTime.now(ZoneOffset.UTC) : null);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    private static void update(String sql, String name) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            assertEquals(1, statement.executeUpdate());
        }
    }

    private static int rows(String name) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM voting.console_session WHERE username = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
