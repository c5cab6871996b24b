package org.openprimary.registration.boundary;

/**
 * What a citizen gives to register: names, mobile phone, email, the versions of the election's
 * charter and of the privacy notice they accepted, and their language ({@code fr} or {@code en}).
 */
public record NewRegistrant(String firstName, String lastName, String phone, String email,
        String charterVersion, String privacyVersion, String language) {
}
