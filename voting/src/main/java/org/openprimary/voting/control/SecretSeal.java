package org.openprimary.voting.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.config.RunMode;

/**
 * Keeps the console's second-factor secrets sealed in the database: AES-256-GCM (the JDK's) under
 * {@code openprimary.console.secret-key} (the base64 of 32 random bytes; a secret, configuration
 * only), a fresh 96-bit nonce each time, the account's username as associated data, so that a
 * sealed secret copied onto another account does not open. A production start without the key
 * cannot enrol or sign anyone in with a second factor (and says so at start-up); the demo, with no
 * key configured, makes one once and keeps it in its database.
 *
 * <p>At start-up, secrets kept in clear by an earlier version are sealed.
 */
@Singleton
@Startup
@DependsOn("VotingSchema")
@Lock(LockType.READ)
public class SecretSeal {

    private static final Logger LOG = Logger.getLogger(SecretSeal.class.getName());
    static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "openprimary.console.secret-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = RunMode.KEY, defaultValue = "production")
    String mode;

    @PersistenceContext(unitName = "voting")
    EntityManager em;

    private volatile SecretKeySpec key;

    /** Seals the secrets an earlier version kept in clear; says at once when production has no key. */
    @PostConstruct
    void sealWhatIsInClear() {
        if (configuredKey.filter(k -> !k.isBlank()).isEmpty() && !RunMode.DEMO.name().equalsIgnoreCase(mode.strip())) {
            LOG.severe("OPENPRIMARY_CONSOLE_SECRET_KEY is not set: nobody can enrol or sign in to the console with"
                    + " a second factor until it is (the base64 of 32 random bytes: openssl rand -base64 32)");
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> clear = em.createNativeQuery("SELECT username, totp_secret, totp_pending_secret FROM"
                + " voting.admin_account WHERE totp_secret NOT LIKE 'v1:%' OR totp_pending_secret NOT LIKE 'v1:%'")
                .getResultList();
        for (Object[] row : clear) {
            String username = (String) row[0];
            em.createNativeQuery("UPDATE voting.admin_account SET totp_secret = ?2, totp_pending_secret = ?3"
                            + " WHERE username = ?1")
                    .setParameter(1, username)
                    .setParameter(2, resealed(username, (String) row[1]))
                    .setParameter(3, resealed(username, (String) row[2]))
                    .executeUpdate();
        }
        if (!clear.isEmpty()) {
            LOG.info(() -> "Sealed the second-factor secrets of " + clear.size() + " console account(s) kept in clear");
        }
    }

    /** The secret sealed for this account. */
    public String seal(String username, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(username));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java 17 platform", e);
        }
    }

    /**
     * The secret a sealed value holds, or empty when it does not open for this account (another
     * account's, another key's, altered).
     */
    public Optional<String> open(String username, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            if (in.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associated(username));
            return Optional.of(new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES),
                    StandardCharsets.US_ASCII));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            LOG.warning(() -> "A second-factor secret of " + username + " does not open under the configured key");
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every Java 17 platform", e);
        }
    }

    private String resealed(String username, String value) {
        return value == null || value.startsWith(PREFIX) ? value : seal(username, value);
    }

    private static byte[] associated(String username) {
        return ("openprimary console totp " + username).getBytes(StandardCharsets.UTF_8);
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (key == null) {
                String encoded = configuredKey.filter(k -> !k.isBlank()).orElseGet(this::demoKey);
                byte[] raw;
                try {
                    raw = Base64.getDecoder().decode(encoded.strip());
                } catch (IllegalArgumentException e) {
                    raw = new byte[0];
                }
                if (raw.length != 32) {
                    throw new IllegalStateException("openprimary.console.secret-key is not the base64 of 32 bytes"
                            + " (make one with: openssl rand -base64 32)");
                }
                key = new SecretKeySpec(raw, "AES");
            }
            return key;
        }
    }

    private String demoKey() {
        if (!RunMode.DEMO.name().equalsIgnoreCase(mode.strip())) {
            throw new IllegalStateException("OpenPrimary cannot keep the console's second factors: set"
                    + " OPENPRIMARY_CONSOLE_SECRET_KEY (the base64 of 32 random bytes: openssl rand -base64 32)");
        }
        @SuppressWarnings("unchecked")
        List<String> stored = em.createNativeQuery("SELECT key FROM voting.demo_console_key WHERE id = 1").getResultList();
        if (!stored.isEmpty()) {
            return stored.get(0);
        }
        byte[] made = new byte[32];
        RANDOM.nextBytes(made);
        em.createNativeQuery("INSERT INTO voting.demo_console_key (id, key) VALUES (1, ?) ON CONFLICT DO NOTHING")
                .setParameter(1, Base64.getEncoder().encodeToString(made)).executeUpdate();
        LOG.warning("Demo mode: made a key for the console's second-factor secrets and kept it in the database"
                + " (never do this in production: set OPENPRIMARY_CONSOLE_SECRET_KEY)");
        @SuppressWarnings("unchecked")
        List<String> kept = em.createNativeQuery("SELECT key FROM voting.demo_console_key WHERE id = 1").getResultList();
        return kept.get(0);
    }
}
