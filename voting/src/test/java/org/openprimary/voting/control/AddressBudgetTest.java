package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openprimary.common.TooManyRequestsException;
import org.openprimary.common.limits.SharedLimiter;
import org.openprimary.common.migration.SchemaMigrator;
import org.openprimary.testing.PostgresSession;

/** Two instances' voting limits per address, on voting.rate_limit in the real PostgreSQL. */
class AddressBudgetTest {

    @BeforeAll
    static void migrate() {
        SchemaMigrator.migrate(PostgresSession.dataSource(), VotingSchema.SCHEMA, AddressBudgetTest.class.getClassLoader());
    }

    private static AddressBudget instance() {
        return new AddressBudget(new SharedLimiter(PostgresSession.dataSource(), "voting.rate_limit"), 3, 2,
                Clock.systemUTC());
    }

    private final AddressBudget first = instance();
    private final AddressBudget second = instance();
    private final String address = "2001:db8::" + Integer.toHexString(UUID.randomUUID().hashCode() & 0xffff);

    @Test
    void codeRequestsFromOneAddressShareOneBudgetAcrossInstances() {
        first.codeRequested(address);
        second.codeRequested(address);
        first.codeRequested(address);
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class, () -> second.codeRequested(address));
        assertEquals("address", limited.field().orElseThrow());
        assertTrue(limited.retryAfter().compareTo(Duration.ZERO) > 0);
        assertDoesNotThrow(() -> first.codeRequested(address + "1"));
    }

    @Test
    void refusalsAcrossInstancesBlockTheAddressWhileSuccessesCostNothing() {
        for (int i = 0; i < 50; i++) {
            first.attempt(address); // casts that succeed: no token spent, nothing asked of the database
        }
        first.refused(address);
        second.refused(address);
        TooManyRequestsException third = assertThrows(TooManyRequestsException.class, () -> first.refused(address));
        assertTrue(third.retryAfter().compareTo(Duration.ZERO) > 0);
        assertThrows(TooManyRequestsException.class, () -> first.attempt(address), "this instance now refuses at once");
        assertDoesNotThrow(() -> second.attempt(address), "the other instance learns at its next refusal");
        assertThrows(TooManyRequestsException.class, () -> second.refused(address));
        assertThrows(TooManyRequestsException.class, () -> second.attempt(address));
        assertDoesNotThrow(() -> second.attempt(address + "1"));
    }
}
