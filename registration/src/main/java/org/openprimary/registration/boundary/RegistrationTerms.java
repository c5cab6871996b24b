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
 */
public record RegistrationTerms(UUID electionId, String title, Instant openedAt, Set<Factor> requiredFactors,
        List<String> allowedCountries, RollMode rollMode, boolean landlines) {

    public RegistrationTerms {
        requiredFactors = Set.copyOf(requiredFactors);
        allowedCountries = List.copyOf(allowedCountries);
    }

    /** Terms that accept mobile numbers only. */
    public RegistrationTerms(UUID electionId, String title, Instant openedAt, Set<Factor> requiredFactors,
            List<String> allowedCountries, RollMode rollMode) {
        this(electionId, title, openedAt, requiredFactors, allowedCountries, rollMode, false);
    }
}
