package org.openprimary.registration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.entity.HelpCode;

class RollQueryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5678                | PHONE | 5678",
        "56 78               | PHONE | 5678",
        "06 12 34 56 78      | PHONE | 612345678",
        "+33 6 12 34 56 78   | PHONE | 612345678",
        "camille.d@          | EMAIL | camille.d@",
        "Camille.D@Example.org | EMAIL | camille.d@example.org",
        "cam@                | EMAIL | cam@",
        "camille.d           | EMAIL | camille.d",
        "under_              | EMAIL | under_",
        "camille92           | EMAIL | camille92",
        "Durand              | NAME  | durand",
        "Le                  | NAME  | le",
        "N’Diaye             | NAME  | n'diaye",
        "Émilie              | NAME  | émilie",
        "0F8FAD5B-D9CB-469F-A165-70867728950E | ID | 0f8fad5b-d9cb-469f-a165-70867728950e"})
    void eachKindOfQueryIsReadAsItsPrefix(String q, RollQuery.Kind kind, String value) {
        RollQuery query = RollQuery.parse(q);
        assertEquals(kind, query.kind());
        assertEquals(value, query.value());
        assertNull(query.second());
    }

    @Test
    void aFirstNameThenALastNameAreBothKept() {
        RollQuery query = RollQuery.parse("  Camille   Dur ");
        assertEquals(RollQuery.Kind.NAME, query.kind());
        assertEquals("camille", query.value());
        assertEquals("dur", query.second());
    }

    @Test
    void aHelpCodeIsReadLeniently() {
        HelpCode code = HelpCode.random();
        assertEquals(code.value(), RollQuery.parse(code.display()).value());
        assertEquals(RollQuery.Kind.HELP_CODE, RollQuery.parse(code.display().toLowerCase(java.util.Locale.ROOT)
                .replace('-', ' ')).kind());
    }

    @Test
    void nineCharactersThatAreNoHelpCodeAreAnAddressOrAName() {
        assertEquals(RollQuery.Kind.EMAIL, RollQuery.parse("nombreux5").kind());
        assertEquals(RollQuery.Kind.NAME, RollQuery.parse("Dominique").kind());
    }

    @Test
    void aMisheardHelpCodeIsRefusedRatherThanSearchedAsAName() {
        String code = HelpCode.random().display();
        String misheard = (code.charAt(0) == 'A' ? 'B' : 'A') + code.substring(1);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RollQuery.parse(misheard));
        assertEquals("q", refused.field().orElseThrow());
        assertTrue(refused.reason().contains("misheard"), refused.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "123", "+33", "D", "@example.org", "a b@c", "x@y@z", "Durand; DROP",
        "100%", "a b_c"})
    void tooShortOrUnreadableQueriesAreRefusedOnQ(String q) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> RollQuery.parse(q));
        assertEquals("q", refused.field().orElseThrow());
        assertTrue(!refused.reason().isBlank());
    }

    @Test
    void aQueryHasAtMostAHundredCharacters() {
        assertThrows(InvalidInputException.class, () -> RollQuery.parse("a".repeat(101)));
        assertEquals(RollQuery.Kind.NAME, RollQuery.parse("a".repeat(100)).kind());
    }

    @Test
    void likeWildcardsAreTakenLiterally() {
        assertEquals("a\\_b\\%c\\\\%", RollQuery.prefix("a_b%c\\"));
    }
}
