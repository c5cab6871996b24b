package org.openprimary.launcher.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tampering drill on tally's worked example (docs/record.md), so that the drill itself is
 * checked without the platform; PlatformIT runs it on a record the platform published.
 */
class RecordTamperingDrillTest {

    private static final Path EXAMPLE = Path.of("..", "tally", "src", "test", "resources", "record", "example-record.json");

    @Test
    void everyTamperingOfTheWorkedExampleIsReportedAndTheUntouchedRecordVerifies() throws Exception {
        byte[] record = Files.readAllBytes(EXAMPLE);
        List<String> uncaught = RecordTamperingDrill.uncaught(record);
        assertEquals(List.of(), uncaught, String.join("\n\n", uncaught));
        assertTrue(RecordTamperingDrill.names(record).size() >= 30, RecordTamperingDrill.names(record).toString());
    }

    @Test
    void theDrillCatchesAVerifierThatLetsATamperingThrough() throws Exception {
        // a record that fails already: every "must still verify" mutation reports it, so the drill can fail
        String broken = Files.readString(EXAMPLE).replaceFirst("\"voters\"\\s*:\\s*(\\d+)", "\"voters\": 99");
        List<String> uncaught = RecordTamperingDrill.uncaught(broken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, uncaught.size(), uncaught.toString());
        assertTrue(uncaught.get(0).startsWith("the untouched record does not verify"), uncaught.get(0));
    }
}
