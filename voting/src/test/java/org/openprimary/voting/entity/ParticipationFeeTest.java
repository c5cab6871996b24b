package org.openprimary.voting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openprimary.common.InvalidInputException;

/** The participation fee an organizer sets in the draft: whole cents, 0 or 50 to 10000, a currency with cents. */
class ParticipationFeeTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, null, 0, EUR, none",
            "0, null, 0, EUR, none",
            "100, null, 100, EUR, 100 EUR",
            "100.00, eur, 100, EUR, 100 EUR",
            "200, ' chf ', 200, CHF, 200 CHF",
            "50, EUR, 50, EUR, 50 EUR",
            "10000, EUR, 10000, EUR, 10000 EUR"})
    void aFeeIsReadFromTheOrganizersRequest(String cents, String currency, long expectedCents, String expectedCurrency,
            String sealed) {
        ParticipationFee fee = ParticipationFee.of(cents == null ? null : new BigDecimal(cents), currency);
        assertEquals(expectedCents, fee.cents());
        assertEquals(expectedCurrency, fee.currency());
        assertEquals(sealed, fee.sealValue());
        assertEquals(expectedCents > 0, fee.charged());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "-100, null, feeCents, cannot be negative",
            "1.5, null, feeCents, whole number of cents",
            "100.01, null, feeCents, whole number of cents",
            "10001, null, feeCents, at most 10000",
            "1e9, null, feeCents, at most 10000",
            "49, null, feeCents, 50 to 10000",
            "100, JPY, feeCurrency, with cents",
            "100, EURO, feeCurrency, ISO 4217",
            "100, XXZ, feeCurrency, ISO 4217"})
    void aNegativeFractionalAbsurdOrForeignFeeIsRefusedOnItsField(String cents, String currency, String field,
            String reason) {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> ParticipationFee.of(new BigDecimal(cents), currency));
        assertEquals(field, refused.field().orElseThrow());
        assertTrue(refused.reason().contains(reason), refused.reason());
    }

    @Test
    void noFeeIsNotCharged() {
        assertFalse(ParticipationFee.NONE.charged());
        assertEquals(ParticipationFee.SEAL_NONE, ParticipationFee.NONE.sealValue());
    }
}
