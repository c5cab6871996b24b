package org.openprimary.registration.boundary;

/**
 * What the registration page needs to pay the participation fee with the provider's script
 * (Stripe.js {@code confirmCardPayment}): the provider ({@code stripe} or {@code demo}), the
 * payment's id and client secret, the provider's publishable key, the amount in cents and its
 * currency, and the payment's status at the provider ({@code succeeded}: already paid, the page
 * only asks us to record it).
 */
public record FeePaymentView(String provider, String paymentId, String clientSecret, String publishableKey,
        long amountCents, String currency, String status) {
}
