package org.openprimary.tally.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The verifier's compact receipt store: every position read back as given, every repeat found. */
class ReceiptLogTest {

    private static String receipt(long n) {
        return BoxChain.receipt(ByteBuffer.allocate(8).putLong(n).array());
    }

    @Test
    void receiptsAcrossChunksAndIndexGrowthReadBackAndRepeatsNameTheirFirstPosition() {
        ReceiptLog log = new ReceiptLog();
        int n = 100_000; // several 8,192-receipt chunks, the index doubled many times
        for (int i = 1; i <= n; i++) {
            assertEquals(0, log.add(receipt(i)), "position " + i + " is new");
        }
        assertEquals(n, log.size());
        for (int i = 1; i <= n; i += 997) {
            assertEquals(receipt(i), log.receipt(i));
        }
        assertEquals(1, log.add(receipt(1)));
        assertEquals(8193, log.add(receipt(8193)));
        assertEquals(n, log.add(receipt(n)));
        assertEquals(receipt(8193), log.receipt(n + 2), "a repeat is kept at its own position too");
        assertEquals(n + 3, log.size());
    }

    @Test
    void malformedReceiptsAreKeptAsGivenAndTheirRepeatsFound() {
        ReceiptLog log = new ReceiptLog();
        assertEquals(0, log.add("not a receipt"));
        assertEquals(0, log.add(receipt(1).toUpperCase(java.util.Locale.ROOT)));
        assertEquals(0, log.add(receipt(1)), "the lower-case form is another receipt");
        assertEquals(1, log.add("not a receipt"));
        assertEquals("not a receipt", log.receipt(1));
        assertEquals(receipt(1).toUpperCase(java.util.Locale.ROOT), log.receipt(2));
        assertEquals(receipt(1), log.receipt(3));
        assertThrows(IndexOutOfBoundsException.class, () -> log.receipt(5));
        assertThrows(IndexOutOfBoundsException.class, () -> log.receipt(0));
    }
}
