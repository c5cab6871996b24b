package org.openprimary.voting.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Stops password guessing on the console: after {@value #MAX_FAILURES} wrong passwords in a row for
 * one username, that username cannot sign in for {@link #LOCKOUT}, right password or not. Kept in
 * this instance's memory (shared across instances with the cluster, later).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SignInThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;
    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    private record Failures(int count, Instant lockedUntil) {
    }

    @Inject
    Clock clock;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Whether the username may try a password now. */
    public boolean allowed(String username) {
        Failures current = failures.get(key(username));
        return current == null || current.lockedUntil() == null || !clock.instant().isBefore(current.lockedUntil());
    }

    /** How long the username must still wait before trying again (zero when it may try now). */
    public Duration retryAfter(String username) {
        Failures current = failures.get(key(username));
        if (current == null || current.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), current.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String username) {
        if (failures.size() > MAX_TRACKED) {
            failures.clear(); // a flood of made-up usernames must not exhaust memory
        }
        Failures updated = failures.merge(key(username), new Failures(1, null), (old, one) -> {
            int count = old.lockedUntil() != null && !clock.instant().isBefore(old.lockedUntil()) ? 1 : old.count() + 1;
            return new Failures(count, count >= MAX_FAILURES ? clock.instant().plus(LOCKOUT) : null);
        });
        if (updated.lockedUntil() != null) {
            LOG.warning(() -> "Console sign-in locked for " + LOCKOUT.toMinutes() + " minutes after "
                    + updated.count() + " wrong passwords for user '" + key(username) + "'");
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return String.valueOf(username).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
