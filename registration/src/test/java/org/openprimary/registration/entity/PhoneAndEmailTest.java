package org.openprimary.registration.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openprimary.common.InvalidInputException;

class PhoneAndEmailTest {

    private static final List<String> FRANCE = List.of("FR", "GP", "MQ", "GF", "RE", "YT");

    @ParameterizedTest
    @CsvSource({
        "06 12 34 56 78, +33612345678, FR",
        "+33 7 81 23 45 67, +33781234567, FR",
        "0033612345678, +33612345678, FR",
        "+590 690 12 34 56, +590690123456, GP",
        "+262 692 12 34 56, +262692123456, RE"})
    void mobilesAreWrittenInE164WithTheirCountry(String raw, String e164, String region) {
        PhoneNumber phone = PhoneNumber.parse(raw, FRANCE, "phone");
        assertEquals(e164, phone.e164());
        assertEquals(region, phone.region());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "12", "01 45 67 89 10", "+1 202 555 0147", "+44 7911 123456"})
    void landlinesForeignNumbersAndNonsenseAreRefused(String raw) {
        assertEquals("phone", assertThrows(InvalidInputException.class,
                () -> PhoneNumber.parse(raw, FRANCE, "phone")).field().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        "Camille.Durand@Example.org, camille.durand@example.org",
        "camille.durand+primaire@gmail.com, camilledurand@gmail.com",
        "C.A.M.I.L.L.E@googlemail.com, camille@gmail.com",
        "camille+tag@example.org, camille+tag@example.org"})
    void mailboxesAreNormalizedAsTheirProvidersTreatThem(String raw, String normalized) {
        assertEquals(normalized, EmailAddress.parse(raw, "email").normalized());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "camille", "camille@", "@example.org", "camille@example", "a b@example.org"})
    void malformedAddressesAreRefused(String raw) {
        assertEquals("email", assertThrows(InvalidInputException.class,
                () -> EmailAddress.parse(raw, "email")).field().orElseThrow());
    }

    @org.junit.jupiter.api.Test
    void numbersAndAddressesAreMaskedForLogs() {
        assertEquals("+33*******78", PhoneNumber.mask("+33612345678"));
        assertEquals("c***@example.org", EmailAddress.parse("camille@example.org", "email").masked());
    }

    @org.junit.jupiter.api.Test
    void aLandlineIsRefusedUnlessTheElectionAcceptsLandlines() {
        org.openprimary.common.InvalidInputException refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.openprimary.common.InvalidInputException.class,
                () -> PhoneNumber.parse("01 42 68 53 00", java.util.List.of("FR"), "phone"));
        org.junit.jupiter.api.Assertions.assertEquals("phone", refused.field().orElseThrow());
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("mobile"), refused.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("this is a landline"),
                "the refusal says why: " + refused.getMessage());
        org.junit.jupiter.api.Assertions.assertEquals("a mobile or landline phone number is required",
                org.junit.jupiter.api.Assertions.assertThrows(org.openprimary.common.InvalidInputException.class,
                        () -> PhoneNumber.parse(" ", java.util.List.of("FR"), "phone", true)).reason());

        PhoneNumber fixed = PhoneNumber.parse("01 42 68 53 00", java.util.List.of("FR"), "phone", true);
        PhoneNumber box = PhoneNumber.parse("09 70 12 34 56", java.util.List.of("FR"), "phone", true);
        PhoneNumber mobile = PhoneNumber.parse("06 12 34 56 78", java.util.List.of("FR"), "phone", true);
        org.junit.jupiter.api.Assertions.assertEquals("+33142685300", fixed.e164());
        org.junit.jupiter.api.Assertions.assertTrue(fixed.isLandline());
        org.junit.jupiter.api.Assertions.assertTrue(box.isLandline());
        org.junit.jupiter.api.Assertions.assertFalse(mobile.isLandline());
        org.junit.jupiter.api.Assertions.assertThrows(org.openprimary.common.InvalidInputException.class,
                () -> PhoneNumber.parse("08 92 68 02 01", java.util.List.of("FR"), "phone", true),
                "a premium-rate number is neither");
    }
}
