package org.openprimary.tally.control;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.openprimary.tally.entity.TallyException;

/**
 * The signature of an official record (docs/minutes.md): Ed25519 over the PDF file's bytes, as
 * they were downloaded, with the platform's key that also signs the box's checkpoints. The
 * signature is 64 bytes in base64 (the {@code .sig} file, surrounding white space ignored); the
 * key is the base64 of its X.509 encoding, as the public record's {@code signingKey}.
 */
public final class MinutesSignature {

    private MinutesSignature() {
    }

    /**
     * Whether the signature is valid for these bytes under this key.
     *
     * @throws TallyException when the signature or the key is not well formed (bad input, not a failed check)
     */
    public static boolean valid(byte[] document, String signature, String publicKey) {
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            throw new TallyException("signature", "not base64");
        }
        if (raw.length != 64) {
            throw new TallyException("signature", "an Ed25519 signature is 64 bytes, this one is " + raw.length);
        }
        PublicKey key = key(publicKey);
        try {
            Signature verifier = Signature.getInstance(BoxChain.SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(document);
            return verifier.verify(raw);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every Java 17 platform", e);
        }
    }

    /** Whether the text is an Ed25519 public key: base64 of its X.509 encoding. */
    public static boolean isKey(String publicKey) {
        return BoxChain.isPublicKey(publicKey == null ? null : publicKey.strip());
    }

    private static PublicKey key(String publicKey) {
        if (!isKey(publicKey)) {
            throw new TallyException("key", "not an Ed25519 public key (the base64 of its X.509 encoding, as the"
                    + " public record's signingKey)");
        }
        try {
            return KeyFactory.getInstance(BoxChain.SIGNATURE_ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey.strip())));
        } catch (GeneralSecurityException e) {
            throw new TallyException("key", "not an Ed25519 public key");
        }
    }
}
