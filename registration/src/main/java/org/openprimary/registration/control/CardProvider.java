package org.openprimary.registration.control;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openprimary.common.config.StandInPolicy;

/**
 * Who checks the bank-card imprint — Stripe, or the demo's test-card stand-in — and the keyed
 * hash under which a card's fingerprint is kept (HMAC-SHA256 with {@code openprimary.card.hash-key},
 * a secret from configuration). Decided at start-up; a production start refuses the stand-in
 * unless explicitly allowed, and refuses Stripe without its keys and the hash key. The participation
 * fee goes through the same provider ({@link #feeCollector()}): one Stripe account, and the demo's
 * test cards in the demo, so the same refusal keeps the fee's stand-in out of production.
 */
// Set once at start-up, then only read: no container lock serializing the callers.
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@Startup
public class CardProvider {

    public static final String KEY = "openprimary.card.provider";
    public static final String HASH_KEY = "openprimary.card.hash-key";
    static final int MIN_HASH_KEY_LENGTH = 32;
    /** The demo's hash key when none is configured: fine for test cards, never for real ones. */
    static final String DEMO_HASH_KEY = "openprimary-demo-card-hash-key-not-for-real-cards";

    private static final Logger LOG = Logger.getLogger(CardProvider.class.getName());

    @Inject
    StandInPolicy policy;

    @Inject
    @ConfigProperty(name = KEY)
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = HASH_KEY)
    Optional<String> hashKey;

    @EJB
    StripeCardVerifier stripe;

    @EJB
    DemoCardVerifier demo;

    @EJB
    StripeFeeCollector stripeFees;

    @EJB
    DemoFeeCollector demoFees;

    private String provider;
    private CardVerifier verifier;
    private FeeCollector fees;
    private SecretKeySpec macKey;

    @PostConstruct
    void choose() {
        provider = policy.choose(KEY, configured.orElse(null), "stripe", "demo");
        verifier = provider.equals("stripe") ? stripe : demo;
        fees = provider.equals("stripe") ? stripeFees : demoFees;
        String key = hashKey.filter(k -> !k.isBlank()).orElse(null);
        if (provider.equals("stripe")) {
            stripe.checkConfigured();
            stripeFees.checkConfigured();
            if (key == null || key.length() < MIN_HASH_KEY_LENGTH) {
                throw new IllegalStateException("OpenPrimary cannot keep card imprints: set " + HASH_KEY
                        + " (OPENPRIMARY_CARD_HASH_KEY) to a secret of at least " + MIN_HASH_KEY_LENGTH + " characters");
            }
        } else if (key == null) {
            key = DEMO_HASH_KEY;
        }
        macKey = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        LOG.info(() -> "Card imprint checked by " + provider);
    }

    public String provider() {
        return provider;
    }

    public CardVerifier verifier() {
        return verifier;
    }

    /** Who collects the participation fee: the card's provider (Stripe), or the demo's test cards. */
    public FeeCollector feeCollector() {
        return fees;
    }

    /** The keyed hash kept for a card fingerprint: the same card gives the same hash, nothing more. */
    public String hash(String fingerprint) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return HexFormat.of().formatHex(mac.doFinal(fingerprint.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
