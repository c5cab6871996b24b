package org.openprimary.tally.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tally verify-minutes}: a signed PDF verifies (0); one changed byte or another key does not (3); bad input is 2. */
class VerifyMinutesCommandTest {

    @TempDir
    Path dir;

    private KeyPair platform;
    private byte[] pdf;
    private Path file;
    private String key;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TallyCommand.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, false,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String sign(KeyPair pair, byte[] bytes) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(pair.getPrivate());
        signature.update(bytes);
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    @BeforeEach
    void signedMinutes() throws Exception {
        platform = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        pdf = "%PDF-1.7\nminutes of the seal\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        file = dir.resolve("seal.pdf");
        Files.write(file, pdf);
        Files.writeString(dir.resolve("seal.pdf.sig"), sign(platform, pdf) + "\n");
        key = Base64.getEncoder().encodeToString(platform.getPublic().getEncoded());
    }

    @Test
    void aSignedFileVerifiesWithTheKeyGivenOrInAFileAndTheDefaultSignatureFile() throws Exception {
        Run direct = run(new byte[0], "verify-minutes", "--key", key, file.toString());
        assertEquals(0, direct.exit(), direct.err());
        assertTrue(direct.out().startsWith("minutes verified: " + file + " (" + pdf.length + " bytes"), direct.out());

        Path keyFile = dir.resolve("signing-key.txt");
        Files.writeString(keyFile, key + "\n");
        Run fromFile = run(pdf, "verify-minutes", "--key", keyFile.toString(), "--signature",
                dir.resolve("seal.pdf.sig").toString(), "-");
        assertEquals(0, fromFile.exit(), fromFile.err());
    }

    @Test
    void oneChangedByteOrAnotherKeyIsNotVerified() throws Exception {
        byte[] changed = pdf.clone();
        changed[12] ^= 1;
        Files.write(file, changed);
        Run altered = run(new byte[0], "verify-minutes", "--key", key, file.toString());
        assertEquals(3, altered.exit(), altered.out() + altered.err());
        assertTrue(altered.out().startsWith("minutes NOT verified: the signature is not valid"), altered.out());

        Files.write(file, pdf);
        String other = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPublic().getEncoded());
        assertEquals(3, run(new byte[0], "verify-minutes", "--key", other, file.toString()).exit());
    }

    @Test
    void aMissingSignatureABadKeyOrNoKeyIsBadInput() throws Exception {
        Run noSignature = run(new byte[0], "verify-minutes", "--key", key, "--signature",
                dir.resolve("missing.sig").toString(), file.toString());
        assertEquals(2, noSignature.exit());
        assertTrue(noSignature.err().contains("missing.sig: no such file"), noSignature.err());

        Files.writeString(dir.resolve("seal.pdf.sig"), "not base64 !");
        Run garbled = run(new byte[0], "verify-minutes", "--key", key, file.toString());
        assertEquals(2, garbled.exit());
        assertTrue(garbled.err().startsWith("tally: signature: not base64"), garbled.err());

        Run badKey = run(new byte[0], "verify-minutes", "--key", dir.resolve("nokey").toString(), file.toString());
        assertEquals(2, badKey.exit());

        Run usage = run(new byte[0], "verify-minutes", file.toString());
        assertEquals(2, usage.exit());
        assertTrue(usage.err().startsWith("tally: verify-minutes: --key is required"), usage.err());
    }
}
