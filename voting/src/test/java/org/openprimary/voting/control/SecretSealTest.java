package org.openprimary.voting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretSealTest {

    private static final String SECRET = SecondFactors.newSecret();

    private static SecretSeal seal(byte[] key) {
        SecretSeal seal = new SecretSeal();
        seal.configuredKey = Optional.of(Base64.getEncoder().encodeToString(key));
        seal.mode = "production";
        return seal;
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aSealedSecretOpensForItsAccountOnlyAndNeverShowsInClear() {
        SecretSeal seal = seal(key(7));
        String sealed = seal.seal("ana", SECRET);
        assertTrue(sealed.startsWith("v1:"), sealed);
        assertFalse(sealed.contains(SECRET));
        assertTrue(sealed.length() <= 200, "fits its column: " + sealed.length());
        assertEquals(Optional.of(SECRET), seal.open("ana", sealed));
        assertEquals(Optional.empty(), seal.open("ben", sealed), "copied onto another account, it does not open");
        assertNotEquals(sealed, seal.seal("ana", SECRET), "a fresh nonce each time");
    }

    @Test
    void anAlteredValueOrAnotherKeyOpensNothing() {
        String sealed = seal(key(7)).seal("ana", SECRET);
        assertEquals(Optional.empty(), seal(key(8)).open("ana", sealed));
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertEquals(Optional.empty(), seal(key(7)).open("ana", "v1:" + Base64.getEncoder().encodeToString(raw)));
        assertEquals(Optional.empty(), seal(key(7)).open("ana", SECRET), "a value in clear is not taken as sealed");
        assertEquals(Optional.empty(), seal(key(7)).open("ana", "v1:not base64!"));
        assertEquals(Optional.empty(), seal(key(7)).open("ana", "v1:AAAA"));
        assertEquals(Optional.empty(), seal(key(7)).open("ana", null));
    }

    @Test
    void productionWithoutAKeyOrWithABadOneSaysWhatToSet() {
        SecretSeal none = new SecretSeal();
        none.configuredKey = Optional.empty();
        none.mode = "production";
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> none.seal("ana", SECRET));
        assertTrue(missing.getMessage().contains("OPENPRIMARY_CONSOLE_SECRET_KEY"), missing.getMessage());
        SecretSeal shortKey = seal(new byte[16]);
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> shortKey.seal("ana", SECRET));
        assertTrue(bad.getMessage().contains("32 bytes"), bad.getMessage());
    }
}
