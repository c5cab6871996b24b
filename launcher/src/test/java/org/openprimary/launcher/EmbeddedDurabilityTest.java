package org.openprimary.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedDurabilityTest {

    @Test
    void theEmbeddedDatabaseFlushesEveryCommitOnlyWhenAskedTo() {
        assertTrue(Launcher.embeddedDurability(Map.of()).isEmpty(), "zonky's fast defaults for the demo and the tests");
        assertTrue(Launcher.embeddedDurability(Map.of("OPENPRIMARY_EMBEDDED_DB_DURABLE", "false")).isEmpty());
        assertEquals(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"),
                Launcher.embeddedDurability(Map.of("OPENPRIMARY_EMBEDDED_DB_DURABLE", "true")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Launcher.embeddedDurability(Map.of("OPENPRIMARY_EMBEDDED_DB_DURABLE", "yes")));
        assertTrue(refused.getMessage().contains("true or false"), refused.getMessage());
    }
}
