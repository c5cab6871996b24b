package org.openprimary.registration.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.common.limits.SharedLimiter;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.testing.PostgresSession;

/**
 * Two instances' registration limits on the table the registration schema's migration made, in
 * the real PostgreSQL: one budget, whichever instance the balancer sends an attempt to.
 */
class SharedAbuseLimitsTest {

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(PostgresSession.dataSource(), RegistrationSchema.SCHEMA,
                SharedAbuseLimitsTest.class.getClassLoader());
    }

    private static AbuseLimits instance() {
        return new AbuseLimits(
                new AbuseLimits.Limit("address", 3, Duration.ofHours(1)),
                new AbuseLimits.Limit("phone", 2, Duration.ofHours(1)),
                new AbuseLimits.Limit("email", 5, Duration.ofMinutes(1)),
                new SharedLimiter(PostgresSession.dataSource(), "registration.rate_limit"));
    }

    private final AbuseLimits first = instance();
    private final AbuseLimits second = instance();

    @Test
    void anAddressSpendsOneBudgetAcrossInstances() {
        String address = "198.51.100." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250));
        first.attempt(address, null, null);
        second.attempt(address, null, null);
        first.attempt(address, null, null);
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> second.attempt(address, null, null));
        assertEquals("address", limited.field().orElseThrow());
        assertTrue(limited.retryAfter().compareTo(Duration.ZERO) > 0);
        assertThrows(TooManyRequestsException.class, () -> first.attempt(address, null, null));
    }

    @Test
    void aPhoneBlockAndAnEmailDomainToo() {
        String block = "+336" + (10_000 + Math.floorMod(UUID.randomUUID().hashCode(), 80_000));
        first.attempt(null, block + "0001", null);
        second.attempt(null, block + "9999", null);
        assertEquals("phone", assertThrows(TooManyRequestsException.class,
                () -> first.attempt(null, block + "5555", null)).field().orElseThrow());
        String domain = UUID.randomUUID() + ".example.org";
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? first : second).attempt(null, null, domain);
        }
        assertEquals("email", assertThrows(TooManyRequestsException.class,
                () -> second.attempt(null, null, domain)).field().orElseThrow());
        assertDoesNotThrow(() -> first.attempt(null, null, "other-" + domain));
    }
}
