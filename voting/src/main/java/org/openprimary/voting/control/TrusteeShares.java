package org.openprimary.voting.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.threshold.SecretShare;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * The trustees' part of the election key, with well-kept primitives only (Bouncy Castle):
 * Shamir's secret sharing over GF(2<sup>8</sup>) splits the private key into n shares of which any
 * k rebuild it; each trustee's passphrase, stretched by Argon2id, is the seed of an X25519 key pair
 * (HPKE's DeriveKeyPair) whose public half is all the server keeps from the trustee's enrolment;
 * each share is then HPKE-encrypted to its trustee's public key. Only the passphrase opens a share,
 * and the server never holds a passphrase longer than the request that brings it.
 */
public final class TrusteeShares {

    public static final int MIN_PASSPHRASE_LENGTH = 12;
    public static final String KDF = "argon2id m=65536 t=3 p=1";
    static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ShamirSecretSplitter.Algorithm FIELD = ShamirSecretSplitter.Algorithm.AES;
    private static final ShamirSecretSplitter.Mode MODE = ShamirSecretSplitter.Mode.Table;

    private TrusteeShares() {
    }

    /** What the server keeps of a trustee's enrolment: the salt and the passphrase's public key. */
    public record Enrolment(byte[] salt, byte[] publicKey) {
    }

    /** One share for one trustee, numbered from 1, and its SHA-256 (to check it when it comes back). */
    public record Share(int index, byte[] value) {

        public String hash() {
            return Digests.sha256(ByteBuffer.allocate(4 + value.length).putInt(index).put(value).array());
        }

        public void destroy() {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** A trustee chooses a passphrase: the server keeps only the salt and the derived public key. */
    public static Enrolment enrol(char[] passphrase) {
        checkPassphrase(passphrase);
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = derive(hpke, passphrase, salt);
        return new Enrolment(salt, hpke.serializePublicKey(pair.getPublic()));
    }

    /** Splits a secret into {@code trustees} shares, any {@code threshold} of which rebuild it. */
    public static List<Share> split(byte[] secret, int threshold, int trustees) {
        if (threshold < 1 || threshold > trustees || trustees > 255) {
            throw new IllegalArgumentException("need 1 <= k <= n <= 255, not k=" + threshold + " n=" + trustees);
        }
        ShamirSecretSplitter splitter = new ShamirSecretSplitter(FIELD, MODE, secret.length, RANDOM);
        try {
            ShamirSplitSecret split = splitter.resplit(secret.clone(), threshold, trustees);
            SecretShare[] shares = split.getSecretShares();
            List<Share> result = new ArrayList<>(shares.length);
            for (int i = 0; i < shares.length; i++) {
                result.add(new Share(i + 1, shares[i].getEncoded()));
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("a share could not be encoded", e);
        }
    }

    /** Rebuilds the secret from shares by index (any k of them, k the threshold used to split). */
    public static byte[] combine(Map<Integer, byte[]> shares) {
        ShamirSplitSecretShare[] parts = shares.entrySet().stream()
                .map(e -> new ShamirSplitSecretShare(e.getValue().clone(), e.getKey()))
                .toArray(ShamirSplitSecretShare[]::new);
        try {
            return new ShamirSplitSecret(FIELD, MODE, parts).getSecret();
        } catch (IOException e) {
            throw new IllegalStateException("the shares could not be combined", e);
        }
    }

    /** Encrypts a share to its trustee: {@code enc (32 bytes) || AES-GCM ciphertext}. */
    public static byte[] seal(Share share, byte[] trusteePublicKey, String election) {
        HPKE hpke = hpke();
        try {
            byte[][] sealed = hpke.seal(hpke.deserializePublicKey(trusteePublicKey), info(election, share.index()),
                    new byte[0], share.value(), null, null, null);
            return ByteBuffer.allocate(sealed[1].length + sealed[0].length).put(sealed[1]).put(sealed[0]).array();
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("a share could not be encrypted", e);
        }
    }

    /**
     * Opens a sealed share with the trustee's passphrase; a wrong passphrase, or a share of another
     * election or index, throws {@link WrongPassphraseException}.
     */
    public static Share open(byte[] sealed, int index, char[] passphrase, byte[] salt, String election)
            throws WrongPassphraseException {
        HPKE hpke = hpke();
        int encLength = hpke.getEncSize();
        if (sealed.length <= encLength) {
            throw new WrongPassphraseException();
        }
        AsymmetricCipherKeyPair pair = derive(hpke, passphrase, salt);
        try {
            byte[] value = hpke.open(Arrays.copyOfRange(sealed, 0, encLength), pair, info(election, index), new byte[0],
                    Arrays.copyOfRange(sealed, encLength, sealed.length), null, null, null);
            return new Share(index, value);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new WrongPassphraseException();
        }
    }

    /** The passphrase does not open this share. */
    public static final class WrongPassphraseException extends Exception {

        private static final long serialVersionUID = 1L;

        WrongPassphraseException() {
            super("this passphrase does not open this share");
        }
    }

    static void checkPassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new org.openprimary.common.InvalidInputException("passphrase",
                    "a passphrase has at least " + MIN_PASSPHRASE_LENGTH + " characters");
        }
    }

    private static AsymmetricCipherKeyPair derive(HPKE hpke, char[] passphrase, byte[] salt) {
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(65536).withIterations(3).withParallelism(1).build());
        byte[] seed = new byte[32];
        argon2.generateBytes(passphrase, seed);
        try {
            return hpke.deriveKeyPair(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static byte[] info(String election, int index) {
        return ("openprimary trustee share/1 election=" + election + " index=" + index).getBytes(StandardCharsets.UTF_8);
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }
}
