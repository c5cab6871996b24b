package org.openprimary.registration.control;

/**
 * Proves a registrant holds a bank card without the card reaching our server: the provider (Stripe)
 * collects it in the browser; we only learn the card's fingerprint, and keep a keyed hash of it.
 */
public interface CardVerifier {

    /** What the browser needs to collect the card: the setup's id and secret, and the provider's public key. */
    record Setup(String setupId, String clientSecret, String publishableKey) {
    }

    /** Starts a card setup for one registration (no charge; 3-D Secure when the bank supports it). */
    Setup start(String registrantId);

    /**
     * The fingerprint of the card confirmed in setup {@code setupId}, after checking the setup
     * succeeded and belongs to {@code registrantId}; the card is then detached from the provider's
     * records. {@code demoCard} is read by the demo stand-in only.
     */
    String fingerprint(String setupId, String registrantId, String demoCard);
}
