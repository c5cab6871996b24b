package org.openprimary.registration.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openprimary.common.TooManyRequestsException;

class AbuseLimitsTest {

    private final AbuseLimits limits = new AbuseLimits(
            new AbuseLimits.Limit("address", 3, Duration.ofHours(1)),
            new AbuseLimits.Limit("phone", 2, Duration.ofHours(1)),
            new AbuseLimits.Limit("email", 5, Duration.ofMinutes(1)),
            1000);

    @Test
    void anAddressPastItsLimitWaitsAndOthersDoNot() {
        for (int i = 0; i < 3; i++) {
            limits.attempt("203.0.113.7", null, null);
        }
        TooManyRequestsException limited = assertThrows(TooManyRequestsException.class,
                () -> limits.attempt("203.0.113.7", null, null));
        assertEquals("address", limited.field().orElseThrow());
        assertTrue(limited.retryAfter().compareTo(Duration.ZERO) > 0);
        assertTrue(limited.retryAfter().compareTo(Duration.ofHours(1)) <= 0);
        assertDoesNotThrow(() -> limits.attempt("203.0.113.8", null, null));
    }

    @Test
    void numbersThatDifferOnlyInTheirLastFourDigitsShareALimit() {
        limits.attempt(null, "+33612340001", null);
        limits.attempt(null, "+33612349999", null);
        assertEquals("phone", assertThrows(TooManyRequestsException.class,
                () -> limits.attempt(null, "+33612345555", null)).field().orElseThrow());
        assertDoesNotThrow(() -> limits.attempt(null, "+33698760001", null));
        assertEquals("+3361234", AbuseLimits.phoneBlock("+33612345678"));
    }

    @Test
    void anEmailDomainHasItsOwnLimit() {
        for (int i = 0; i < 5; i++) {
            limits.attempt(null, null, "example.org");
        }
        assertEquals("email", assertThrows(TooManyRequestsException.class,
                () -> limits.attempt(null, null, "example.org")).field().orElseThrow());
    }

    @Test
    void throwAwayMailboxesAndTheirSubdomainsAreRecognized() {
        DisposableEmailDomains list = DisposableEmailDomains.of(Set.of("yopmail.com"));
        assertTrue(list.isDisposable("someone@yopmail.com"));
        assertTrue(list.isDisposable("someone@mx.YOPMAIL.com"));
        assertFalse(list.isDisposable("someone@notyopmail.com"));
        assertTrue(DisposableEmailDomains.shipped().size() > 10_000, "the shipped list is loaded");
        assertTrue(DisposableEmailDomains.shipped().isDisposable("x@mailinator.com"));
        assertFalse(DisposableEmailDomains.shipped().isDisposable("x@gmail.com"));
        assertFalse(DisposableEmailDomains.shipped().isDisposable("x@orange.fr"));
    }
}
