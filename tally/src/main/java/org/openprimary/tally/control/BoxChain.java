package org.openprimary.tally.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The ballot box's hash chain and its signed checkpoints, as the platform writes them and as the
 * verifier recomputes them (docs/record.md). Everything is SHA-256 over UTF-8 text, hashes in
 * lower-case hexadecimal; checkpoints are signed with Ed25519.
 *
 * <ul>
 *   <li>receipt of a ballot: {@code SHA-256(encrypted ballot bytes)};</li>
 *   <li>the head before any ballot ({@link #genesis}): {@code SHA-256("openprimary-box/1\n" election "\n"
 *       sealFingerprint "\n" electionPublicKey "\n")}, binding the box to the seal and the key;</li>
 *   <li>the head after the ballot at position p, counting from 1 ({@link #next}):
 *       {@code SHA-256(previousHead "\n" p "\n" receipt "\n")};</li>
 *   <li>a checkpoint signs {@link #checkpointText}: the election, the number of ballots, the head
 *       after the last of them, and when it was made.</li>
 * </ul>
 */
public final class BoxChain {

    public static final String FORMAT = "openprimary-box/1";
    public static final String CHECKPOINT_FORMAT = "openprimary-checkpoint/1";
    public static final String SIGNATURE_ALGORITHM = "Ed25519";

    private static final HexFormat HEX = HexFormat.of();

    private BoxChain() {
    }

    /** The receipt of an encrypted ballot: the SHA-256 of its bytes. */
    public static String receipt(byte[] encryptedBallot) {
        return HEX.formatHex(sha256().digest(encryptedBallot));
    }

    /** The head of an empty box. */
    public static String genesis(String election, String sealFingerprint, String electionPublicKey) {
        return hash(FORMAT + "\n" + election + "\n" + sealFingerprint + "\n" + electionPublicKey + "\n");
    }

    /** The head after appending the ballot with this receipt at this position (1 for the first). */
    public static String next(String previousHead, long position, String receipt) {
        return hash(previousHead + "\n" + position + "\n" + receipt + "\n");
    }

    /** The text a checkpoint's signature covers. */
    public static String checkpointText(String election, long ballots, String head, Instant at) {
        return CHECKPOINT_FORMAT + "\nelection=" + election + "\nballots=" + ballots + "\nhead=" + head
                + "\nat=" + at + "\n";
    }

    /**
     * Whether the signature (base64) over the checkpoint text is valid for the public key (base64 of
     * its X.509 SubjectPublicKeyInfo encoding). A malformed key or signature is simply not valid.
     */
    public static boolean signatureValid(String text, String signature, String publicKey) {
        try {
            PublicKey key = KeyFactory.getInstance(SIGNATURE_ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the text is an Ed25519 public key as the record carries it: base64 of its X.509 encoding. */
    public static boolean isPublicKey(String publicKey) {
        if (publicKey == null) {
            return false;
        }
        try {
            KeyFactory.getInstance(SIGNATURE_ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Signs a checkpoint's text with the box's Ed25519 private key; the signature in base64, as the
     * record carries it. (Ed25519 is deterministic: the same key and text give the same signature.)
     */
    public static String sign(String text, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether the text is a SHA-256 as the chain writes it: 64 lower-case hexadecimal characters. */
    public static boolean isHash(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String hash(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
