package org.openprimary.registration.control;

/**
 * Collects an election's participation fee without the card reaching our server: the provider
 * (Stripe) takes the card in the browser and charges it; we keep only what accounting needs (the
 * payment's id, for a refund, its amount, currency and time). The same provider as the card
 * imprint ({@link CardProvider}): Stripe, or the demo's test cards.
 */
public interface FeeCollector {

    /**
     * What the browser needs to pay: the payment's id and secret, the provider's public key, and the
     * payment's status at the provider ({@code succeeded} when a payment resumed was already paid:
     * the page then only asks us to record it).
     */
    record Payment(String paymentId, String clientSecret, String publishableKey, String status) {
    }

    /** A payment the provider says went through: its id, and what was charged. */
    record Paid(String paymentId, long amountCents, String currency) {
    }

    /**
     * Starts (or resumes) the payment of {@code amountCents} in {@code currency} for one
     * registration. A payment started before for it ({@code previousPaymentId}) that can still be
     * paid, or is paid, is given back rather than a second one, and the creation carries an
     * idempotency key made from the registration, so a retried start never makes a second charge.
     */
    Payment start(String registrantId, long amountCents, String currency, String previousPaymentId);

    /**
     * The payment {@code paymentId}, after checking with the provider that it succeeded, belongs to
     * {@code registrantId}, and charged {@code amountCents} in {@code currency}. {@code demoCard} is
     * read by the demo stand-in only.
     */
    Paid paid(String paymentId, String registrantId, long amountCents, String currency, String demoCard);
}
