package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SecondFactorsTest {

    /** RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final Instant NOW = Instant.parse("2027-01-14T08:00:10Z");

    @Test
    void codesAreThoseOfRfc6238() {
        // The RFC gives 8 digits (94287082 at T=59 s, 07081804 at T=1111111109 s); an app shows the last 6.
        assertEquals("287082", SecondFactors.code(RFC_SECRET, SecondFactors.step(Instant.ofEpochSecond(59))));
        assertEquals("081804", SecondFactors.code(RFC_SECRET, SecondFactors.step(Instant.ofEpochSecond(1111111109))));
    }

    @Test
    void theCurrentStepAndItsNeighboursAreAcceptedOnlyOnce() {
        long now = SecondFactors.step(NOW);
        for (long step = now - 1; step <= now + 1; step++) {
            String code = SecondFactors.code(RFC_SECRET, step);
            assertEquals(OptionalLong.of(step), SecondFactors.matchingStep(RFC_SECRET, code, NOW, now - 2));
            assertEquals(OptionalLong.empty(), SecondFactors.matchingStep(RFC_SECRET, code, NOW, step),
                    "a code whose step was accepted is refused: it may have been watched");
        }
        assertEquals(OptionalLong.empty(),
                SecondFactors.matchingStep(RFC_SECRET, SecondFactors.code(RFC_SECRET, now - 2), NOW, -1), "too old");
        assertEquals(OptionalLong.empty(),
                SecondFactors.matchingStep(RFC_SECRET, SecondFactors.code(RFC_SECRET, now + 2), NOW, -1), "too early");
    }

    @Test
    void malformedCodesAreRefusedAndSpacesForgiven() {
        String code = SecondFactors.code(RFC_SECRET, SecondFactors.step(NOW));
        assertEquals(OptionalLong.of(SecondFactors.step(NOW)),
                SecondFactors.matchingStep(RFC_SECRET, code.substring(0, 3) + " " + code.substring(3), NOW, -1));
        for (String bad : new String[] {null, "", "12345", "1234567", "abcdef", code + "0"}) {
            assertEquals(OptionalLong.empty(), SecondFactors.matchingStep(RFC_SECRET, bad, NOW, -1), String.valueOf(bad));
        }
        assertEquals(OptionalLong.empty(), SecondFactors.matchingStep(null, code, NOW, -1));
    }

    @Test
    void enrolmentGivesAnAppReadableUriAndQrCode() {
        String secret = SecondFactors.newSecret();
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        URI uri = URI.create(SecondFactors.otpauthUri("alice", secret));
        assertEquals("otpauth", uri.getScheme());
        assertEquals("totp", uri.getHost());
        assertTrue(uri.getQuery().contains("secret=" + secret), uri.toString());
        assertTrue(uri.getQuery().contains("issuer=OpenPrimary"), uri.toString());
        byte[] png = SecondFactors.qrPng("alice", secret);
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
