package org.openprimary.voting.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openprimary.common.limits.SharedLimiter;

/**
 * Stops password guessing on the console: after {@value #MAX_FAILURES} wrong passwords for one
 * username, that username cannot sign in for a while, right password or not. On the platform the
 * count is a token bucket in PostgreSQL ({@code voting.rate_limit}, {@link SharedLimiter}), shared
 * by every instance: {@value #MAX_FAILURES} failures within {@link #LOCKOUT} of the first lock the
 * name until those {@link #LOCKOUT} are over, and a right password empties the count. Without a data
 * source (plain tests) it counts in memory: {@value #MAX_FAILURES} in a row lock for {@link #LOCKOUT}.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN) // never in a caller's transaction: Bucket4j commits its own
public class SignInThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;
    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    private record Failures(int count, Instant lockedUntil) {
    }

    @Inject
    Clock clock;

    @Resource(lookup = VotingSchema.DATA_SOURCE)
    DataSource dataSource;

    private static final SharedLimiter.Limit SHARED = new SharedLimiter.Limit("console-signin", MAX_FAILURES, LOCKOUT, true);

    /**
     * Failed sign-ins from one client address, whatever the usernames: credential stuffing tries
     * one password on many accounts, which the per-account count never sees. A right password does
     * not give the address its budget back (one known account must not cover the guesses at others).
     */
    static final int MAX_ADDRESS_FAILURES = 50;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "openprimary.limits.console-sign-in-failures-per-address",
            defaultValue = "" + MAX_ADDRESS_FAILURES)
    int maxAddressFailures = MAX_ADDRESS_FAILURES;

    private SharedLimiter.Limit perAddress;

    private SharedLimiter shared;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @PostConstruct
    void share() {
        if (dataSource != null) {
            shared = new SharedLimiter(dataSource, "voting.rate_limit");
        }
        perAddress = new SharedLimiter.Limit("console-signin-address", Math.max(1, maxAddressFailures), LOCKOUT, true);
    }

    /** Whether the username may try a password now. */
    public boolean allowed(String username) {
        if (shared != null) {
            return shared.waitBefore(SHARED, key(username)).isEmpty();
        }
        Failures current = failures.get(key(username));
        return current == null || current.lockedUntil() == null || !clock.instant().isBefore(current.lockedUntil());
    }

    /** How long the username must still wait before trying again (zero when it may try now). */
    public Duration retryAfter(String username) {
        if (shared != null) {
            return shared.waitBefore(SHARED, key(username)).orElse(Duration.ZERO);
        }
        Failures current = failures.get(key(username));
        if (current == null || current.lockedUntil() == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), current.lockedUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String username) {
        if (shared != null) {
            if (!shared.probe(SHARED, key(username)).isConsumed() || !allowed(username)) {
                LOG.warning(() -> "Console sign-in locked after " + MAX_FAILURES + " wrong passwords within "
                        + LOCKOUT.toMinutes() + " minutes for user '" + key(username) + "'");
            }
            return;
        }
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
        if (shared != null) {
            shared.reset(SHARED, key(username));
            return;
        }
        failures.remove(key(username));
    }

    /**
     * Whether the client address may try to sign in now (true for an unknown address, and without a
     * data source: the per-address count is kept in PostgreSQL only).
     */
    public boolean allowedFrom(String address) {
        return shared == null || address == null || shared.waitBefore(perAddress, address).isEmpty();
    }

    /** How long the address must still wait before trying again (zero when it may try now). */
    public Duration retryAfterFrom(String address) {
        return shared == null || address == null ? Duration.ZERO
                : shared.waitBefore(perAddress, address).orElse(Duration.ZERO);
    }

    /** Counts a failed sign-in (a wrong username, password or code) against the address. */
    public void failedFrom(String address) {
        if (shared != null && address != null && !shared.probe(perAddress, address).isConsumed()) {
            LOG.warning(() -> "Console sign-in refused from an address after " + perAddress.perPeriod()
                    + " failures within " + LOCKOUT.toMinutes() + " minutes (credential stuffing?)");
        }
    }

    private static String key(String username) {
        return String.valueOf(username).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
