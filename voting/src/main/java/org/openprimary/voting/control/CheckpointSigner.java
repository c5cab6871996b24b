package org.openprimary.voting.control;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.config.RunMode;
import org.openprimary.tally.control.BoxChain;

/**
 * Signs the ballot box's checkpoints with the platform's Ed25519 key
 * ({@code openprimary.signing.key}: the base64 of its PKCS#8 encoding; a secret, configuration
 * only). A production start without it cannot open voting. The demo, with no key configured,
 * makes one once and keeps it in its database, so a restarted demo signs with the same key.
 */
@Singleton
@Lock(LockType.READ)
public class CheckpointSigner {

    private static final Logger LOG = Logger.getLogger(CheckpointSigner.class.getName());

    @Inject
    @ConfigProperty(name = "openprimary.signing.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = RunMode.KEY, defaultValue = "production")
    String mode;

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    private volatile PrivateKey privateKey;
    private volatile String publicKey;

    /** The base64 X.509 encoding of the public key checkpoints are verified with. */
    public String publicKey() {
        load();
        return publicKey;
    }

    /** The base64 Ed25519 signature of a checkpoint's text. */
    public String sign(String text) {
        return sign(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The base64 Ed25519 signature of the bytes (an official record's PDF: docs/minutes.md). */
    public String sign(byte[] bytes) {
        load();
        try {
            Signature signature = Signature.getInstance(BoxChain.SIGNATURE_ALGORITHM);
            signature.initSign(privateKey);
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every Java 17 platform", e);
        }
    }

    private void load() {
        if (privateKey != null) {
            return;
        }
        synchronized (this) {
            if (privateKey != null) {
                return;
            }
            String encoded = configuredKey.filter(k -> !k.isBlank()).orElseGet(this::demoKey);
            try {
                PrivateKey key = KeyFactory.getInstance(BoxChain.SIGNATURE_ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded.strip())));
                publicKey = Base64.getEncoder().encodeToString(publicKeyOf((EdECPrivateKey) key).getEncoded());
                privateKey = key;
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                throw new IllegalStateException("openprimary.signing.key is not the base64 of an Ed25519 private key"
                        + " in PKCS#8 (make one with: openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)", e);
            }
        }
    }

    private String demoKey() {
        if (!RunMode.DEMO.name().equalsIgnoreCase(mode.strip())) {
            throw new IllegalStateException("OpenPrimary cannot sign the ballot box's checkpoints: set"
                    + " OPENPRIMARY_SIGNING_KEY (an Ed25519 private key, PKCS#8, base64)");
        }
        @SuppressWarnings("unchecked")
        List<String> stored = em.createNativeQuery("SELECT private_key FROM voting.demo_signing_key WHERE id = 1")
                .getResultList();
        if (!stored.isEmpty()) {
            return stored.get(0);
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance(BoxChain.SIGNATURE_ALGORITHM).generateKeyPair();
            String encoded = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            em.createNativeQuery("INSERT INTO voting.demo_signing_key (id, private_key) VALUES (1, ?) ON CONFLICT DO NOTHING")
                    .setParameter(1, encoded).executeUpdate();
            LOG.warning("Demo mode: made a checkpoint signing key and kept it in the database (never do this in"
                    + " production: set OPENPRIMARY_SIGNING_KEY)");
            @SuppressWarnings("unchecked")
            List<String> kept = em.createNativeQuery("SELECT private_key FROM voting.demo_signing_key WHERE id = 1")
                    .getResultList();
            return kept.get(0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every Java 17 platform", e);
        }
    }

    /** Ed25519's public key from its private key's seed, X.509-encoded (Bouncy Castle). */
    private static PublicKey publicKeyOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("the key has no seed"));
        try {
            byte[] spki = org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                    new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(seed, 0).generatePublicKey())
                    .getEncoded();
            return KeyFactory.getInstance(BoxChain.SIGNATURE_ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("the public key could not be encoded", e);
        }
    }
}
