package org.openprimary.voting.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The election key and the encryption of ballots, composed of standard primitives only: HPKE
 * (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256) from Bouncy Castle, and
 * AES-256-GCM from the JDK.
 *
 * <p>An encrypted ballot is {@code enc (32 bytes) || nonce (12 bytes) || AES-256-GCM ciphertext and tag},
 * where {@code enc} is the encapsulated key of an HPKE context set up to the election's public key
 * and the AES key is that context's exported secret (RFC 9180 section 5.3). One context serves a
 * short batch of ballots ({@link Sealer}), so counting costs one X25519 operation per batch rather
 * than per ballot: 2,000,000 ballots decrypt in seconds, where one key agreement per ballot would
 * take minutes on two cores. A batch's key lives only in memory, for at most a few seconds and a
 * few hundred ballots, on the server that accepted those ballots in plain text anyway; without the
 * election's private key, which only the trustees together can rebuild, nobody can decrypt a
 * stored ballot. The associated data binds each ballot to its election, so a ballot copied into
 * another election's box does not decrypt there.
 */
public final class BallotCrypto {

    public static final String SCHEME = "HPKE-Base(DHKEM-X25519-HKDF-SHA256, HKDF-SHA256, export-only)"
            + " + AES-256-GCM, batch key exported as 'openprimary ballot key/1'";

    static final int ENC_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    private static final byte[] EXPORT_CONTEXT = "openprimary ballot key/1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BallotCrypto() {
    }

    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_EXPORT_ONLY);
    }

    /** A new election key pair; the caller splits the private half and forgets it. */
    public static KeyPair generateKeyPair() {
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = hpke.generatePrivateKey();
        return new KeyPair(hpke.serializePublicKey(pair.getPublic()), hpke.serializePrivateKey(pair.getPrivate()));
    }

    /** The public key that belongs to a private key (to check a rebuilt key is the election's). */
    public static byte[] publicKeyOf(byte[] privateKey) {
        HPKE hpke = hpke();
        AsymmetricCipherKeyPair pair = hpke.deserializePrivateKey(privateKey, null);
        return hpke.serializePublicKey(pair.getPublic());
    }

    /** An election key pair: X25519, 32 bytes each. */
    public record KeyPair(byte[] publicKey, byte[] privateKey) {

        public String publicKeyBase64() {
            return Base64.getEncoder().encodeToString(publicKey);
        }

        /** Overwrites the private half. */
        public void destroy() {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    private static byte[] info(String election) {
        return ("openprimary ballot/1 election=" + election).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Encrypts ballots for one election, one HPKE context per batch of at most {@code batchSize}
     * ballots or {@code batchMillis} milliseconds, whichever ends first. Thread-safe.
     */
    public static final class Sealer {

        private final String election;
        private final AsymmetricKeyParameter publicKey;
        private final byte[] aad;
        private final int batchSize;
        private final long batchNanos;
        private Batch batch;

        public Sealer(String election, byte[] publicKey, int batchSize, long batchMillis) {
            this.election = election;
            this.publicKey = hpke().deserializePublicKey(publicKey);
            this.aad = info(election);
            this.batchSize = batchSize;
            this.batchNanos = batchMillis * 1_000_000L;
        }

        /** The encrypted ballot (see the class comment for its layout). */
        public byte[] encrypt(byte[] plaintext) {
            Batch current = current();
            byte[] nonce = new byte[NONCE_LENGTH];
            RANDOM.nextBytes(nonce);
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, current.key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(aad);
                byte[] sealed = cipher.doFinal(plaintext);
                return ByteBuffer.allocate(ENC_LENGTH + NONCE_LENGTH + sealed.length)
                        .put(current.enc).put(nonce).put(sealed).array();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is required of every Java platform", e);
            }
        }

        private synchronized Batch current() {
            long now = System.nanoTime();
            if (batch == null || batch.used >= batchSize || now - batch.startedNanos > batchNanos) {
                HPKEContextWithEncapsulation context = hpke().setupBaseS(publicKey, info(election));
                byte[] secret = context.export(EXPORT_CONTEXT, 32);
                batch = new Batch(context.getEncapsulation(), new SecretKeySpec(secret, "AES"), now);
                Arrays.fill(secret, (byte) 0);
            }
            batch.used++;
            return batch;
        }

        private static final class Batch {
            final byte[] enc;
            final SecretKeySpec key;
            final long startedNanos;
            int used;

            Batch(byte[] enc, SecretKeySpec key, long startedNanos) {
                this.enc = enc;
                this.key = key;
                this.startedNanos = startedNanos;
            }
        }
    }

    /**
     * Decrypts an election's ballots with its rebuilt private key, keeping each batch's key while it
     * is used. Not thread-safe: one opener per counting thread.
     */
    public static final class Opener {

        private final HPKE hpke = hpke();
        private final AsymmetricCipherKeyPair privateKey;
        private final byte[] info;
        private final Map<ByteBuffer, SecretKeySpec> batchKeys = new HashMap<>();

        public Opener(String election, byte[] privateKey) {
            this.privateKey = hpke.deserializePrivateKey(privateKey, null);
            this.info = info(election);
        }

        /** The plaintext of an encrypted ballot; refuses one that was altered or is not this election's. */
        public byte[] decrypt(byte[] encrypted) throws UndecryptableBallotException {
            if (encrypted.length < ENC_LENGTH + NONCE_LENGTH + TAG_BITS / 8) {
                throw new UndecryptableBallotException("the encrypted ballot is too short");
            }
            ByteBuffer enc = ByteBuffer.wrap(Arrays.copyOfRange(encrypted, 0, ENC_LENGTH));
            SecretKeySpec key = batchKeys.get(enc);
            try {
                if (key == null) {
                    if (batchKeys.size() > 10_000) {
                        batchKeys.clear();
                    }
                    HPKEContext context = hpke.setupBaseR(enc.array(), privateKey, info);
                    byte[] secret = context.export(EXPORT_CONTEXT, 32);
                    key = new SecretKeySpec(secret, "AES");
                    Arrays.fill(secret, (byte) 0);
                    batchKeys.put(enc, key);
                }
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key,
                        new GCMParameterSpec(TAG_BITS, encrypted, ENC_LENGTH, NONCE_LENGTH));
                cipher.updateAAD(info);
                return cipher.doFinal(encrypted, ENC_LENGTH + NONCE_LENGTH, encrypted.length - ENC_LENGTH - NONCE_LENGTH);
            } catch (AEADBadTagException e) {
                throw new UndecryptableBallotException("the ballot does not decrypt with the election key: altered,"
                        + " or encrypted for another election");
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new UndecryptableBallotException("the ballot cannot be decrypted: " + e.getMessage());
            }
        }

        /** Forgets the batch keys (the private key is the caller's to overwrite). */
        public void forget() {
            batchKeys.clear();
        }
    }

    /** A stored ballot that does not decrypt: the count stops and says which. */
    public static final class UndecryptableBallotException extends Exception {

        private static final long serialVersionUID = 1L;

        public UndecryptableBallotException(String message) {
            super(message);
        }
    }
}
