package org.openprimary.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MaskingAndPacerTest {

    @ParameterizedTest
    @CsvSource({
        "+33612345612, +33 6** ** ** 12",
        "+447911123456, +447*******56",
        "elise.moreau@example.org, e***@example.org",
        "E@x.fr, E***@x.fr",
        "'', ***",
        "12, ***",
        "nobody@, ***"
    })
    void recipientsAreNeverLoggedWhole(String recipient, String masked) {
        assertEquals(masked, Masking.recipient(recipient));
    }

    @Test
    void anErrorQuotingTheRecipientIsMasked() {
        String text = Masking.text("550 5.1.1 <Elise@Example.org>: unknown; elise@example.org", "Elise@Example.org");
        assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("elise@example.org"), text);
        assertEquals("550 5.1.1 <E***@Example.org>: unknown; e***@example.org", text);
    }

    @Test
    void messagesAreSpacedByTheRateAndIdleTimeGivesNoBurst() {
        Pacer pacer = new Pacer(10);
        long[] waits = LongStream.range(0, 4).map(i -> pacer.reserve(0)).toArray();
        assertEquals(0, waits[0]);
        assertEquals(100_000_000L, waits[1]);
        assertEquals(300_000_000L, waits[3]);
        // After a long pause the next message goes at once, and the one after waits a full interval.
        assertEquals(0, pacer.reserve(60_000_000_000L));
        assertEquals(100_000_000L, pacer.reserve(60_000_000_000L));
        assertThrows(IllegalArgumentException.class, () -> new Pacer(0));
    }
}
