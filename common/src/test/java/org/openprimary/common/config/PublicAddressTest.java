package org.openprimary.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublicAddressTest {

    @Test
    void theDemoDefaultsToLocalhost() {
        assertEquals("http://localhost:8080", PublicAddress.check(RunMode.DEMO, Optional.empty()));
        assertEquals("http://localhost:9090", PublicAddress.check(RunMode.DEMO, Optional.of(" http://localhost:9090/ ")));
    }

    @Test
    void productionTakesAnHttpsAddressCitizensCanReach() {
        assertEquals("https://vote.example.org", PublicAddress.check(RunMode.PRODUCTION,
                Optional.of("https://vote.example.org/")));
        assertEquals("https://example.org/primaire", PublicAddress.check(RunMode.PRODUCTION,
                Optional.of("https://example.org/primaire")));
    }

    @Test
    void productionRefusesAMissingPlainLocalOrOddAddress() {
        for (String bad : List.of("", "   ", "http://vote.example.org", "https://localhost:8181", "https://127.0.0.1",
                "https://[::1]/", "https://app.localhost", "https://vote.example.org/?x=1", "https://u:p@vote.example.org",
                "https:// vote", "vote.example.org")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> PublicAddress.check(RunMode.PRODUCTION, Optional.of(bad)), bad);
            assertTrue(refused.getMessage().contains("OPENPRIMARY_PUBLIC_URL"), refused.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> PublicAddress.check(RunMode.PRODUCTION, Optional.empty()));
    }
}
