package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a seal document: the escapes of docs/sealing.md undone, anything else named by its line. */
class SealLinesTest {

    @Test
    void escapedValuesReadBackAsWritten() {
        SealLines seal = SealLines.parse("title=a\\=b \\\\ c\\nd\\re\ncandidate.0=x\\=y\\=\n");
        assertEquals(Map.of("title", "a=b \\ c\nd\re", "candidate.0", "x=y="), seal.values());
        assertEquals(List.of(), seal.problems());
    }

    @Test
    void whatIsNotInTheFormatIsNamedByLine() {
        SealLines seal = SealLines.parse("a=1\n=2\nb=raw=equals\nc=trailing\\\nd=raw\rcr\ne=ok");
        assertEquals(Map.of("a", "1", "e", "ok"), seal.values());
        assertEquals(List.of("the seal document does not end with a line feed",
                "seal line 2: not key=value: '=2'",
                "seal line 3: a raw '=' in a value (the format escapes it)",
                "seal line 4: unknown escape \\ (the format knows \\\\, \\n, \\r and \\=)",
                "seal line 5: a raw carriage return in a value (the format escapes it)"), seal.problems());
    }
}
