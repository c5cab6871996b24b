package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2027-01-14T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void tenFailuresLockAUsernameForFifteenMinutesAndASuccessResetsTheCount() {
        MovableClock clock = new MovableClock();
        SignInThrottle throttle = new SignInThrottle();
        throttle.clock = clock;

        for (int i = 0; i < 9; i++) {
            throttle.failed("Organizer");
        }
        assertTrue(throttle.allowed("organizer"));
        throttle.succeeded("organizer");
        for (int i = 0; i < 9; i++) {
            throttle.failed("organizer");
        }
        assertTrue(throttle.allowed("organizer"), "a success in between starts the count again");
        throttle.failed("organizer");
        assertFalse(throttle.allowed("ORGANIZER"));
        assertTrue(throttle.allowed("bailiff"));

        clock.now = clock.now.plus(SignInThrottle.LOCKOUT).minusSeconds(1);
        assertFalse(throttle.allowed("organizer"));
        clock.now = clock.now.plus(Duration.ofSeconds(1));
        assertTrue(throttle.allowed("organizer"));
        throttle.failed("organizer");
        assertTrue(throttle.allowed("organizer"), "after the lockout, one failure is one failure");
    }

    @Test
    void twoInstancesCountOneUsernamesFailuresTogether() {
        org.openprimary.common.migration.SchemaMigrator.migrate(org.openprimary.testing.PostgresSession.dataSource(),
                VotingSchema.SCHEMA, getClass().getClassLoader());
        SignInThrottle first = shared();
        SignInThrottle second = shared();
        String name = "someone-" + java.util.UUID.randomUUID();
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertTrue((i % 2 == 0 ? first : second).allowed(name));
            (i % 2 == 0 ? first : second).failed(name.toUpperCase(java.util.Locale.ROOT));
        }
        assertFalse(first.allowed(name));
        assertFalse(second.allowed(name));
        assertTrue(second.retryAfter(name).compareTo(Duration.ZERO) > 0);
        assertTrue(second.retryAfter(name).compareTo(SignInThrottle.LOCKOUT) <= 0);
        assertTrue(first.allowed("another-" + name));
        first.succeeded(name);
        assertTrue(second.allowed(name), "a right password (after the lock-out) empties the count everywhere");
    }

    /** Credential stuffing: one password tried on many accounts from one address trips the address's budget. */
    @Test
    void fiftyFailuresFromOneAddressOverManyUsernamesStopThatAddressOnEveryInstance() {
        org.openprimary.common.migration.SchemaMigrator.migrate(org.openprimary.testing.PostgresSession.dataSource(),
                VotingSchema.SCHEMA, getClass().getClassLoader());
        SignInThrottle first = shared();
        SignInThrottle second = shared();
        String address = "192.0.2." + (1 + new java.security.SecureRandom().nextInt(254)) + "-" + java.util.UUID.randomUUID();
        for (int i = 0; i < SignInThrottle.MAX_ADDRESS_FAILURES; i++) {
            SignInThrottle instance = i % 2 == 0 ? first : second;
            assertTrue(instance.allowedFrom(address), "failure " + (i + 1) + " is allowed");
            instance.failedFrom(address);
            assertTrue(instance.allowed("user-" + i), "each account on its own is far from its own limit");
        }
        assertFalse(first.allowedFrom(address));
        assertFalse(second.allowedFrom(address));
        assertTrue(second.retryAfterFrom(address).compareTo(Duration.ZERO) > 0);
        assertTrue(second.retryAfterFrom(address).compareTo(SignInThrottle.LOCKOUT) <= 0);
        first.succeeded("user-0");
        assertFalse(second.allowedFrom(address), "a right password does not give the address its budget back");
        assertTrue(first.allowedFrom("198.51.100.9-" + address), "another address is not concerned");
        assertTrue(first.allowedFrom(null), "an unknown address is not counted");
    }

    private static SignInThrottle shared() {
        SignInThrottle throttle = new SignInThrottle();
        throttle.clock = Clock.systemUTC();
        throttle.dataSource = org.openprimary.testing.PostgresSession.dataSource();
        throttle.share();
        return throttle;
    }
}
