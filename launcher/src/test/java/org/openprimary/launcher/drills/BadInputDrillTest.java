package org.openprimary.launcher.drills;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadInputDrillTest {

    private static boolean wellFormed(String body) {
        return BadInputDrill.wellFormed(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the drill sends as malformed JSON must not parse (the first full run sent a valid body as such). */
    @Test
    void onlyOneWholeJsonValueIsWellFormed() {
        assertTrue(wellFormed("{\"description\":\"text\"}"), "the body the first full run sent as malformed");
        assertTrue(wellFormed("[1, 2]"));
        assertFalse(wellFormed("{\"description\":\"text\""));
        assertFalse(wellFormed("{'description':'text'}"));
        assertFalse(wellFormed("{\"description\":\"text\"} x"), "nothing may follow the value");
        assertFalse(wellFormed("{\"description\" \"text\"}"));
        assertFalse(wellFormed(""));
    }
}
