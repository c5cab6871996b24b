package org.openprimary.voting.console;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.openprimary.voting.control.VotingSchema;
import org.openprimary.voting.entity.AdminAccount;

/**
 * The console's sessions, in PostgreSQL ({@code voting.console_session}), so that every instance of
 * a cluster serves the console and none keeps an HTTP session. The cookie carries a random token
 * (32 bytes of {@link SecureRandom}, base64url); a row keeps only the token's SHA-256, the username,
 * whether the second factor is verified, and when the session began, was last used and ends.
 *
 * <p>The roles are never copied into the session: each read joins the account (both primary keys),
 * so a change of roles takes effect at the next request, a deleted account's sessions go with it
 * ({@code ON DELETE CASCADE}), and a verified session ends when its account's second factor is reset.
 * A read is one indexed statement; the last use is written at most once a minute per session (so
 * the idle time is measured to the minute). Expiry is checked on every read, and the rows that are
 * over are deleted then, or by the clean-up every 10 minutes on every instance (a plain
 * {@code DELETE}: two instances running it at once delete each row once).
 *
 * <p>Each statement is a transaction of its own (bean-managed: never in a caller's transaction),
 * so a sign-out or a sign-in is kept whatever the caller does next.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ConsoleSessions {

    /** How often the last use is written: the idle time is measured to this. */
    static final Duration TOUCH = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    /** 32 bytes in base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    Clock clock;

    /**
     * Opens a session for the account and returns its token (for the cookie, never stored). The
     * session the caller came with, if any, is deleted: a new token at every sign-in, against
     * session fixation.
     */
    public String open(String username, boolean verified, String previousToken) {
        byte[] random = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            if (wellFormed(previousToken)) {
                delete(connection, hash(previousToken));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO voting.console_session"
                    + " (token_hash, username, verified, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setBytes(1, hash(token));
                insert.setString(2, username);
                insert.setBoolean(3, verified);
                insert.setObject(4, utc(now));
                insert.setObject(5, utc(now));
                insert.setObject(6, utc(now.plus(ConsoleSession.MAX_AGE)));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not open a console session", e);
        }
        return token;
    }

    /**
     * The session of this token while it lasts, with the account's roles as they are now (none
     * while the second factor is being enrolled); empty for an unknown, malformed, expired or
     * signed-out token, and for a verified session whose account has no second factor any more.
     */
    public Optional<ConsoleSession> find(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            ConsoleSession session;
            Instant expiresAt;
            boolean enrolled;
            try (PreparedStatement select = connection.prepareStatement("SELECT s.username, s.verified, s.created_at,"
                    + " s.last_seen_at, s.expires_at, a.roles, a.totp_secret IS NOT NULL FROM voting.console_session s"
                    + " JOIN voting.admin_account a ON a.username = s.username WHERE s.token_hash = ?")) {
                select.setBytes(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    boolean verified = row.getBoolean(2);
                    session = new ConsoleSession(row.getString(1), verified ? roleNames(row.getString(6)) : List.of(),
                            verified, row.getObject(3, OffsetDateTime.class).toInstant(),
                            row.getObject(4, OffsetDateTime.class).toInstant());
                    expiresAt = row.getObject(5, OffsetDateTime.class).toInstant();
                    enrolled = row.getBoolean(7);
                }
            }
            if (!now.isBefore(expiresAt) || session.expired(now) || (session.verified() && !enrolled)) {
                delete(connection, hash);
                return Optional.empty();
            }
            if (!now.isBefore(session.lastSeenAt().plus(TOUCH))) {
                try (PreparedStatement touch = connection.prepareStatement("UPDATE voting.console_session"
                        + " SET last_seen_at = GREATEST(last_seen_at, ?) WHERE token_hash = ?")) {
                    touch.setObject(1, utc(now));
                    touch.setBytes(2, hash);
                    touch.executeUpdate();
                }
            }
            return Optional.of(session);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a console session", e);
        }
    }

    /** Signs out: the token's session is deleted (nothing happens for an unknown one). */
    public void close(String token) {
        if (!wellFormed(token)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            delete(connection, hash(token));
        } catch (SQLException e) {
            throw new IllegalStateException("could not end a console session", e);
        }
    }

    /** Deletes the sessions that are over (past their end, or idle too long); returns how many. */
    public int removeExpired() {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM voting.console_session"
                        + " WHERE expires_at <= ? OR last_seen_at <= ?")) {
            delete.setObject(1, utc(now));
            delete.setObject(2, utc(now.minus(ConsoleSession.IDLE)));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not clean up the console sessions", e);
        }
    }

    @Schedule(hour = "*", minute = "*/10", persistent = false, info = "openprimary console sessions cleanup")
    void removeExpiredSessions() {
        try {
            int removed = removeExpired();
            if (removed > 0) {
                LOG.fine(() -> removed + " console sessions were over and deleted");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not clean up the console sessions", e);
        }
    }

    /** The SHA-256 of a token: all the database keeps of it. */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a cookie's value can be a token at all (a malformed one is not looked up). */
    static boolean wellFormed(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    private static void delete(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM voting.console_session WHERE token_hash = ?")) {
            delete.setBytes(1, hash);
            delete.executeUpdate();
        }
    }

    private static List<String> roleNames(String roles) {
        return Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> AdminAccount.Role.valueOf(r).roleName()).sorted().toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
