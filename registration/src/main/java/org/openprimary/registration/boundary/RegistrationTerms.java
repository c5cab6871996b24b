package org.openprimary.registration.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the voting module hands registration when an election's registration opens: everything
 * registration needs of the election, so it never asks the voting module.
 *
 * @param allowedCountries ISO 3166 region codes whose mobile numbers may register (e.g. FR, GP)
 * @param landlines whether a landline of those countries is accepted as the phone, for citizens
 *     without a mobile: its code then comes only by voice call
 * @param feeCents the participation fee each registrant pays to be on the roll, in the currency's
 *     cents (0: none); the voting module checked its bounds
 * @param feeCurrency the fee's ISO 4217 currency (EUR when {@code null})
 */
public record RegistrationTerms(UUID electionId, String title, Instant openedAt, Set<Factor> requiredFactors,
        List<String> allowedCountries, RollMode rollMode, boolean landlines, long feeCents, String feeCurrency) {

    public RegistrationTerms {
        requiredFactors = Set.copyOf(requiredFactors);
        allowedCountries = List.copyOf(allowedCountries);
        if (feeCents < 0) {
            throw new IllegalArgumentException("a fee cannot be negative");
        }
        feeCurrency = feeCurrency == null ? "EUR" : feeCurrency;
    }

    /** Terms without a participation fee. */
    public RegistrationTerms(UUID electionId, String title, Instant openedAt, Set<Factor> requiredFactors,
            List<String> allowedCountries, RollMode rollMode, boolean landlines) {
        this(electionId, title, openedAt, requiredFactors, allowedCountries, rollMode, landlines, 0, "EUR");
    }

    /** Terms that accept mobile numbers only. */
    public RegistrationTerms(UUID electionId, String title, Instant openedAt, Set<Factor> requiredFactors,
            List<String> allowedCountries, RollMode rollMode) {
        this(electionId, title, openedAt, requiredFactors, allowedCountries, rollMode, false);
    }
}
