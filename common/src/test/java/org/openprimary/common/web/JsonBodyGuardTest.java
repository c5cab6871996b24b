package org.openprimary.common.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.openprimary.common.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The inputs issue 5's bad-input drill found, kept: each refused naming its field. */
class JsonBodyGuardTest {

    private static String refusedField(String json, boolean object) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> JsonBodyGuard.check(json, object));
        assertEquals(400, refused.status());
        return refused.field().orElseThrow();
    }

    @Test
    void aNulCharacterIsRefusedNamingWhereItIs() {
        assertEquals("description", refusedField("{\"description\":\"a\\u0000b\"}", true));
        assertEquals("candidates[1]", refusedField("{\"title\":\"T\",\"candidates\":[\"A\",\"B\\u0000\"]}", true));
        assertEquals("a.b[0].c", refusedField("{\"x\":1,\"a\":{\"b\":[{\"c\":\"\\u0000\"}]}}", true));
        assertEquals("body", refusedField("{\"\\u0000\":1}", true));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedWhereAnObjectIsRead() {
        assertEquals("body", refusedField("[{}]", true));
        assertEquals("body", refusedField("null", true));
        assertEquals("body", refusedField(" \"text\" ", true));
        assertDoesNotThrow(() -> JsonBodyGuard.check("[\"a\"]", false));
    }

    @Test
    void aBodyNestedTooDeeplyIsRefusedNotAFiveHundred() {
        assertEquals("body", refusedField("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), true));
    }

    @Test
    void whatFollowsTheValueIsRefusedNotDropped() {
        // the bad-input drill's finding (seed 9307716818367): {"description":"text"}, was applied as a 200
        InvalidInputException trailing = assertThrows(InvalidInputException.class,
                () -> JsonBodyGuard.check("{\"description\":\"text\"},", true));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Optional.of("body"), trailing.field());
        assertThrows(InvalidInputException.class, () -> JsonBodyGuard.check("{\"a\":1}{\"b\":2}", true));
        assertThrows(InvalidInputException.class, () -> JsonBodyGuard.check("[1] x", false));
    }

    @Test
    void goodJsonAndWhatIsNotJsonGoOn() {
        assertDoesNotThrow(() -> JsonBodyGuard.check("{\"title\":\"Très bien \\\\u0000\",\"n\":[1,{\"a\":null}]}", true));
        assertDoesNotThrow(() -> JsonBodyGuard.check("{\"title\": \"T\", \"candid", true));
        assertDoesNotThrow(() -> JsonBodyGuard.check("{'a':1}", true));
    }
}
