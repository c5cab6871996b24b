package org.openprimary.registration.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openprimary.common.InvalidInputException;
import org.openprimary.registration.control.SupportMasks;

/** Help codes: their format, the check character, lenient reading; and what the hotline sees of a registrant. */
class HelpCodeTest {

    @Test
    void aRandomCodeHasEightCharactersOfCrockfordsAlphabetAndItsCheck() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            HelpCode code = HelpCode.random();
            assertTrue(code.display().matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]"),
                    code.display());
            assertEquals(code, HelpCode.parse(code.display(), "helpCode"));
            seen.add(code.value());
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void theCheckCharacterCatchesEveryMisheardCharacter() {
        for (int n = 0; n < 50; n++) {
            String code = HelpCode.random().value();
            for (int position = 0; position < code.length(); position++) {
                for (char other : HelpCode.ALPHABET.toCharArray()) {
                    if (other == code.charAt(position)) {
                        continue;
                    }
                    String misheard = code.substring(0, position) + other + code.substring(position + 1);
                    assertThrows(InvalidInputException.class, () -> HelpCode.parse(misheard, "helpCode"), misheard);
                }
            }
        }
    }

    @Test
    void mostSwapsOfNeighboursAreCaught() {
        int swaps = 0;
        int caught = 0;
        for (int n = 0; n < 500; n++) {
            String code = HelpCode.random().value();
            for (int i = 0; i + 1 < code.length(); i++) {
                if (code.charAt(i) == code.charAt(i + 1)) {
                    continue;
                }
                String swapped = code.substring(0, i) + code.charAt(i + 1) + code.charAt(i) + code.substring(i + 2);
                swaps++;
                try {
                    HelpCode.parse(swapped, "helpCode");
                } catch (InvalidInputException e) {
                    caught++;
                }
            }
        }
        assertTrue(caught > swaps * 0.9, caught + " of " + swaps + " swaps caught");
    }

    @Test
    void aCodeIsReadLenientlyAsCrockfordIntends() {
        HelpCode code = new HelpCode("0123ABCD" + HelpCode.check("0123ABCD"));
        String display = code.display();
        assertEquals(code, HelpCode.parse(display.toLowerCase(java.util.Locale.ROOT), "helpCode"));
        assertEquals(code, HelpCode.parse(" o" + display.substring(1).replace("-", " ").replace('1', 'l') + " ", "h"));
        assertEquals(code, HelpCode.parse(display.replace("-", "").replace('1', 'I'), "h"));
        assertEquals("0123-ABCD-" + display.charAt(10), display);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                | give the help code",
        "K3F9-7QXM         | a help code has 9 characters, not 8",
        "K3F9-7QXM-44      | a help code has 9 characters, not 10",
        "K3F9-7QXU-4       | 'U' is not in a help code",
        "K3F9#7QXM-4       | '#' is not in a help code"})
    void whatIsNotACodeIsRefusedSayingWhy(String text, String reason) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> HelpCode.parse(text, "helpCode"));
        assertEquals("helpCode", refused.field().orElseThrow());
        assertTrue(refused.reason().startsWith(reason), refused.reason());
    }

    @Test
    void theHotlineSeesAFirstNameAnInitialAndMaskedContacts() {
        assertEquals("Camille D.", SupportMasks.name("Camille", "Durand"));
        assertEquals("Élise É.", SupportMasks.name("Élise", "Étienne"));
        assertEquals("+33 6•• •• •• 12", SupportMasks.phone("+33612345612"));
        assertEquals("+324••••••89", SupportMasks.phone("+32470123489"));
        assertEquals("j•••@example.org", SupportMasks.email("jean.dupont@example.org"));
        assertEquals("•••", SupportMasks.email("nonsense"));
        assertEquals("mailbox c•••@example.org is full",
                SupportMasks.text("mailbox camille@example.org is full", "camille@example.org"));
        assertNotEquals("+33612345612", SupportMasks.recipient("+33612345612"));
    }
}
