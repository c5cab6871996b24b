package org.openprimary.registration.boundary;

/**
 * What the registration page needs to collect the card with the provider's script (Stripe.js):
 * the provider ({@code stripe} or {@code demo}), the setup's id and client secret, and the
 * provider's publishable key.
 */
public record CardSetupView(String provider, String setupId, String clientSecret, String publishableKey) {
}
