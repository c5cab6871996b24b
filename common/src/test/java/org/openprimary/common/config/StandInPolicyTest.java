package org.openprimary.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandInPolicyTest {

    private static final String KEY = "openprimary.sms.provider";

    @Test
    void demoDefaultsToTheStandInAndProductionToTheRealProvider() {
        assertEquals("console", new StandInPolicy(RunMode.DEMO, false).choose(KEY, null, "twilio", "console"));
        assertEquals("twilio", new StandInPolicy(RunMode.PRODUCTION, false).choose(KEY, " ", "twilio", "console"));
    }

    @Test
    void productionRefusesAStandInUnlessExplicitlyAllowed() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new StandInPolicy(RunMode.PRODUCTION, false).choose(KEY, "console", "twilio", "console"));
        assertTrue(refused.getMessage().contains(KEY + "=console"), refused.getMessage());
        assertTrue(refused.getMessage().contains(StandInPolicy.ALLOW_KEY), refused.getMessage());
        assertEquals("console",
                new StandInPolicy(RunMode.PRODUCTION, true).choose(KEY, "CONSOLE", "twilio", "console"));
    }

    @Test
    void anUnknownProviderIsRefusedInEveryMode() {
        for (RunMode mode : RunMode.values()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new StandInPolicy(mode, true).choose(KEY, "carrier-pigeon", "twilio", "console"));
            assertTrue(refused.getMessage().contains("carrier-pigeon"), refused.getMessage());
        }
    }

    @Test
    void theRunModeDefaultsToProductionAndRefusesUnknownValues() {
        assertEquals(RunMode.PRODUCTION, RunMode.parse(null));
        assertEquals(RunMode.PRODUCTION, RunMode.parse(""));
        assertEquals(RunMode.DEMO, RunMode.parse(" Demo "));
        assertThrows(IllegalArgumentException.class, () -> RunMode.parse("staging"));
    }
}
